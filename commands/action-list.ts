import { z } from 'zod';
import { listActions } from '../src/app/actions.ts';
import { ACTION_STATUSES } from '../src/domain/actions.ts';
import { statusSchema } from './args.ts';
import { ACTION_TABLE_COLUMNS, actionRow, inTransaction } from './format.ts';
import { context, heading, reply, table } from './reply.ts';
import { defineCommand } from './types.ts';

/** Rows per reply: readable in a chat window and well inside Slack's message limits. */
const PAGE_SIZE = 50;

export default defineCommand({
  name: 'action list',
  summary: "List the network's actions: live ones by default, overdue first",
  usage: 'action list [mine | @person] [all] [status:<status>] [page:<n>]',
  details: [
    `\`all\` includes done and dropped actions; status: is one of ${ACTION_STATUSES.join(', ')} (comma-separated for several).`,
    `Lists show ${PAGE_SIZE} actions at a time, overdue first; page:2 shows the next ${PAGE_SIZE}.`,
  ],
  examples: ['action list', 'action list mine', 'action list @U0AAA status:blocked', 'action list all'],
  optionKeys: ['status', 'page'],
  args: z.object({
    text: z.string().transform((s) => s.toLowerCase().split(/\s+/).filter(Boolean)).pipe(z.array(z.enum(['mine', 'all'], { message: 'Only "mine", "all", @person and status: can follow action list' }))),
    mentions: z.array(z.string()).max(1, 'Name at most one person'),
    options: z.object({
      status: z.array(z.string()).optional(),
      page: z.array(z.string().regex(/^[1-9]\d{0,5}$/, 'The page must be a whole number, 1 or more')).optional(),
    }),
  }).transform((i) => ({
    mine: i.text.includes('mine'),
    all: i.text.includes('all'),
    owner: i.mentions[0],
    statuses: i.options.status?.flatMap((s) => s.split(',')),
    page: Number(i.options.page?.at(-1) ?? 1),
  })).pipe(z.object({
    mine: z.boolean(), all: z.boolean(), owner: z.string().or(z.undefined()), statuses: z.array(statusSchema).or(z.undefined()), page: z.number(),
  })),
  async run(args, ctx) {
    const owner = args.owner ?? (args.mine ? ctx.userId : undefined);
    const { network, actions } = await inTransaction(ctx, (op) => listActions(op, {
      includeClosed: args.all, ...(owner !== undefined && { owner }), ...(args.statuses && { statuses: args.statuses }),
    }));
    const scope = `${args.all ? 'All' : 'Live'} actions${owner ? ` owned by <@${owner}>` : ''}`;
    if (actions.length === 0) {
      return reply(heading(`${network.name}: ${scope}`), context('None. Add one with `/psw action add`.'));
    }
    const pages = Math.ceil(actions.length / PAGE_SIZE);
    if (args.page > pages) {
      return reply({ type: 'error', text: `There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`} of ${actions.length} actions.` });
    }
    const first = (args.page - 1) * PAGE_SIZE;
    const shown = actions.slice(first, first + PAGE_SIZE);
    return reply(
      heading(`${network.name}: ${scope} (${actions.length})`),
      table(ACTION_TABLE_COLUMNS, shown.map((a) => actionRow(a, ctx.now, ctx.timeZone))),
      ...(pages > 1 ? [context(`Showing ${first + 1}-${first + shown.length} of ${actions.length}.${args.page < pages ? ` \`/psw action list${args.all ? ' all' : ''} page:${args.page + 1}\` shows the next ${PAGE_SIZE}.` : ''}`)] : []),
    );
  },
});
