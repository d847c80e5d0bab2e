import { z } from 'zod';
import { setReminderSettings } from '../src/app/reminders.ts';
import { REMINDER_LIMITS, type ReminderOverrides } from '../src/domain/reminders.ts';
import { parseClockTime, single } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, context } from './reply.ts';
import { describeReminderSettings } from './reminders-view.ts';
import { defineCommand } from './types.ts';

const KEYS = ['days-before', 'escalate-after', 'time'] as const;

function wholeNumberOption(value: string | undefined, key: string, limits: { min: number; max: number }, ctx: z.RefinementCtx): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (Number.isNaN(n) || n < limits.min || n > limits.max) {
    ctx.addIssue({ code: 'custom', message: `${key}: needs a whole number of working days from ${limits.min} to ${limits.max}, not "${value}"` });
    return undefined;
  }
  return n;
}

export default defineCommand({
  name: 'reminders set',
  summary: "Set the network's reminder settings: how early, when to escalate, what time (co-chairs)",
  usage: 'reminders set [days-before:<n>] [escalate-after:<n>] [time:<HH:MM>] | reminders set defaults',
  details: [
    'days-before: remind owners this many working days before the due date (0 to 20; 0 means only on the day and after).',
    'escalate-after: tell the co-chairs about actions overdue by more than this many working days (0 to 60).',
    "time: when reminders go out on working days, in UK time. Weekends and England and Wales bank holidays are skipped. Settings you leave out stay as they are; `defaults` goes back to the deployment's defaults.",
  ],
  examples: ['reminders set days-before:3 escalate-after:5 time:09:00', 'reminders set time:2pm', 'reminders set defaults'],
  optionKeys: KEYS,
  args: z.object({ text: z.string(), options: z.record(z.string(), z.array(z.string())) })
    .transform((i, ctx): ReminderOverrides | 'defaults' => {
      const words = i.text.trim().toLowerCase();
      const given = KEYS.filter((k) => i.options[k] !== undefined);
      if (words === 'defaults' || words === 'default') {
        if (given.length > 0) ctx.addIssue({ code: 'custom', message: 'Give either `defaults` or settings, not both' });
        return 'defaults';
      }
      if (words !== '') ctx.addIssue({ code: 'custom', message: `Unexpected "${i.text.trim()}"; settings are written key:value, e.g. days-before:3` });
      if (given.length === 0 && words === '') ctx.addIssue({ code: 'custom', message: 'Say what to set: days-before:, escalate-after: or time:, or `defaults`' });
      const daysBefore = wholeNumberOption(single(i.options, 'days-before'), 'days-before', REMINDER_LIMITS.daysBefore, ctx);
      const escalateAfter = wholeNumberOption(single(i.options, 'escalate-after'), 'escalate-after', REMINDER_LIMITS.escalateAfter, ctx);
      const timeText = single(i.options, 'time');
      const time = timeText === undefined ? undefined : parseClockTime(timeText);
      if (timeText !== undefined && !time) ctx.addIssue({ code: 'custom', message: `time: needs a time of day written like 09:00 or 2:30pm, not "${timeText}"` });
      return {
        ...(daysBefore !== undefined && { daysBefore }),
        ...(escalateAfter !== undefined && { escalateAfter }),
        ...(time && { time }),
      };
    }),
  async run(change, ctx) {
    const network = await inTransaction(ctx, (op) => setReminderSettings(op, change));
    return announce(
      ...describeReminderSettings(network, ctx),
      context(`Changed by <@${ctx.userId}>. \`/psw reminders\` shows these settings.`),
    );
  },
});
