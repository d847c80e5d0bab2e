import { z } from 'zod';
import { listActions } from '../src/app/actions.ts';
import { ACTION_STATUSES } from '../src/domain/actions.ts';
import { statusSchema } from './args.ts';
import { ACTION_TABLE_COLUMNS, actionRow, inTransaction } from './format.ts';
import { context, heading, reply, table } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'action list',
  summary: "List the network's actions: live ones by default, overdue first",
  usage: 'action list [mine | @person] [all] [status:<status>]',
  details: [`\`all\` includes done and dropped actions; status: is one of ${ACTION_STATUSES.join(', ')} (comma-separated for several).`],
  examples: ['action list', 'action list mine', 'action list @U0AAA status:blocked', 'action list all'],
  optionKeys: ['status'],
  args: z.object({
    text: z.string().transform((s) => s.toLowerCase().split(/\s+/).filter(Boolean)).pipe(z.array(z.enum(['mine', 'all'], { message: 'Only "mine", "all", @person and status: can follow action list' }))),
    mentions: z.array(z.string()).max(1, 'Name at most one person'),
    options: z.object({ status: z.array(z.string()).optional() }),
  }).transform((i) => ({
    mine: i.text.includes('mine'),
    all: i.text.includes('all'),
    owner: i.mentions[0],
    statuses: i.options.status?.flatMap((s) => s.split(',')),
  })).pipe(z.object({
    mine: z.boolean(), all: z.boolean(), owner: z.string().or(z.undefined()), statuses: z.array(statusSchema).or(z.undefined()),
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
    return reply(
      heading(`${network.name}: ${scope} (${actions.length})`),
      table(ACTION_TABLE_COLUMNS, actions.map((a) => actionRow(a, ctx.now, ctx.timeZone))),
    );
  },
});
