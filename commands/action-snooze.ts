import { z } from 'zod';
import { snoozeAction, type SnoozeLength } from '../src/app/actions.ts';
import { formatUkDate } from '../src/domain/local-date.ts';
import { inTransaction } from './format.ts';
import { reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

const LENGTHS: Record<string, SnoozeLength> = {
  '1d': 'day', day: 'day', '1day': 'day', '1w': 'week', week: 'week', '1week': 'week', meeting: 'next-meeting', 'next-meeting': 'next-meeting',
};

export default defineCommand({
  name: 'action snooze',
  summary: 'Hold reminders about an action for a day, a week or until the next meeting (owner or co-chair)',
  usage: 'action snooze <ID> <1d|1w|meeting>',
  examples: ['action snooze SW-1 1w', 'action snooze SW-1 meeting'],
  args: z.object({ text: z.string() }).transform((i, ctx) => {
    const [id = '', lengthWord = '', ...extra] = i.text.trim().split(/\s+/);
    const length = LENGTHS[lengthWord.toLowerCase().replace(/\s+/g, '')];
    if (id === '') ctx.addIssue({ code: 'custom', message: 'The action ID is missing' });
    if (!length || extra.length > 0) ctx.addIssue({ code: 'custom', message: 'Say how long: 1d (a day), 1w (a week) or meeting (until the next meeting)' });
    return { id, length: length ?? 'day' };
  }),
  async run({ id, length }, ctx) {
    const action = await inTransaction(ctx, (op) => snoozeAction(op, id, length));
    return reply(text(`Reminders about *${action.id}* are snoozed until ${formatUkDate(action.snoozedUntil!)}.`));
  },
});
