import { z } from 'zod';
import { addAction } from '../src/app/actions.ts';
import { priorityCodes, requiredText, single } from './args.ts';
import type { Action } from '../src/domain/actions.ts';
import { dueLabel, inTransaction, mention } from './format.ts';
import { actionButtons, announce, context, fields, text, type Reply } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'action add',
  summary: 'Add an action with an owner, timescale and priorities',
  usage: 'action add <title> @owner due:"<timescale>" priority:<code>[,<code>] [resources:"..."] [comments:"..."]',
  details: [
    'The timescale is kept exactly as written ("Autumn 2027", "May-July 2027", "Ongoing") and a due date is worked out from it.',
    'Priorities are codes from `/psw priorities`; give several with commas or repeat priority:.',
    'Quote values that contain spaces. Owners can be written @U0AAA or picked from Slack\'s autocomplete.',
  ],
  examples: [
    'action add Audit s42 safeguarding practice @U0AAA due:"Spring 2027" priority:CSW2122.1',
    'action add Review casefile audit findings @U0BBB due:Ongoing priority:PSW2123.2.4 resources:"QA team time"',
  ],
  optionKeys: ['due', 'timescale', 'priority', 'priorities', 'resources', 'comments'],
  args: z.object({
    text: requiredText('The action title'),
    mentions: z.array(z.string()).min(1, 'The owner is missing: name one person, e.g. @U0AAA').max(1, 'Name one owner only; an action has a single owner'),
    options: z.record(z.string(), z.array(z.string())),
  }).transform((i, ctx) => {
    const due = single(i.options, 'due') ?? single(i.options, 'timescale');
    const priorities = priorityCodes([...(i.options.priority ?? []), ...(i.options.priorities ?? [])]);
    if (due === undefined) ctx.addIssue({ code: 'custom', message: 'The timescale is missing: add due:"Autumn 2027" (or due:Ongoing)' });
    if (priorities.length === 0) ctx.addIssue({ code: 'custom', message: 'The priority is missing: add priority:<code>, e.g. priority:CSW2122.1' });
    return {
      title: i.text,
      owner: i.mentions[0]!,
      timescalePhrase: due ?? '',
      priorities,
      resources: single(i.options, 'resources') ?? '',
      comments: single(i.options, 'comments') ?? '',
    };
  }),
  async run(args, ctx) {
    const action = await inTransaction(ctx, (op) => addAction(op, args));
    return newActionAnnouncement(action, ctx.userId);
  },
});

/** The channel's announcement of a new action, however it was added (command or form). */
export function newActionAnnouncement(action: Action, addedBy: string): Reply {
  return announce(
    text(`New action *${action.id}*: ${action.title}`),
    fields([
      ['Owner', mention(action.owner)],
      ['Timescale', action.timescale.phrase],
      ['Due', dueLabel(action)],
      ['Priorities', action.priorities.join(', ')],
    ]),
    context(`Added by ${mention(addedBy)}. Update it with \`/psw action update ${action.id} status:in-progress note:"..."\`.`),
    actionButtons(action),
  );
}
