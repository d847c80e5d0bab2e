import { z } from 'zod';
import { setMeetingSchedule } from '../src/app/meetings.ts';
import { isLocalDate, WEEKDAY_NAMES } from '../src/domain/local-date.ts';
import { frequencyLabel, inTransaction, meetingLabel } from './format.ts';
import { announce, context, text } from './reply.ts';
import { defineCommand } from './types.ts';

const FREQUENCY = /^(weekly|fortnightly|every\s+(\d)\s+weeks?)\s+/i;
const TIME = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i;

function parseSchedule(text: string, from: string | undefined, ctx: z.RefinementCtx) {
  const frequency = FREQUENCY.exec(text);
  if (!frequency) {
    ctx.addIssue({ code: 'custom', message: 'Start with how often: weekly, fortnightly or "every 3 weeks"' });
    return z.NEVER;
  }
  const intervalWeeks = frequency[2] ? Number(frequency[2]) : frequency[1]!.toLowerCase() === 'weekly' ? 1 : 2;
  const [dayWord = '', timeWord = '', ...extra] = text.slice(frequency[0].length).trim().split(/\s+/);
  const weekday = WEEKDAY_NAMES.findIndex((d) => d.toLowerCase().startsWith(dayWord.toLowerCase().slice(0, 3)) && dayWord.length >= 3);
  const time = TIME.exec(timeWord);
  let hour = time ? Number(time[1]) : NaN;
  const minute = time?.[2] ? Number(time[2]) : 0;
  if (time?.[3]) hour = (hour % 12) + (time[3].toLowerCase() === 'pm' ? 12 : 0);
  if (intervalWeeks < 1 || intervalWeeks > 8) ctx.addIssue({ code: 'custom', message: 'Meetings can be every 1 to 8 weeks' });
  if (weekday === -1) ctx.addIssue({ code: 'custom', message: `"${dayWord}" is not a day of the week` });
  if (!time || hour > 23 || minute > 59 || (time[3] && Number(time[1]) > 12)) ctx.addIssue({ code: 'custom', message: `"${timeWord}" is not a time; write it like 10:00 or 2:30pm` });
  if (extra.length > 0) ctx.addIssue({ code: 'custom', message: `Unexpected "${extra.join(' ')}" after the time` });
  if (from !== undefined && !isLocalDate(from)) ctx.addIssue({ code: 'custom', message: `from: must be a date written YYYY-MM-DD, not "${from}"` });
  return { intervalWeeks, weekday, hour, minute, ...(from !== undefined && { from }) };
}

export default defineCommand({
  name: 'meeting set',
  summary: "Set the network's meeting schedule (co-chairs)",
  usage: 'meeting set <weekly|fortnightly|every N weeks> <weekday> <time> [from:YYYY-MM-DD]',
  details: ['Times are in the bot\'s time zone (UK time by default). from: fixes the first meeting, which sets which weeks a fortnightly cycle uses; without it the first is the next such weekday from today.'],
  examples: ['meeting set fortnightly Thursday 10:00', 'meeting set every 4 weeks Tuesday 2pm from:2027-01-12'],
  optionKeys: ['from'],
  args: z.object({ text: z.string(), options: z.record(z.string(), z.array(z.string())) })
    .transform((i, ctx) => parseSchedule(i.text, i.options.from?.at(-1), ctx)),
  async run(schedule, ctx) {
    const { next } = await inTransaction(ctx, (op) => setMeetingSchedule(op, schedule));
    const every = frequencyLabel(schedule.intervalWeeks);
    return announce(
      text(`${every.charAt(0).toUpperCase()}${every.slice(1)} meetings on ${WEEKDAY_NAMES[schedule.weekday]}s. Next meeting: ${meetingLabel(next, ctx.timeZone)}.`),
      context('Submit agenda items with `/psw agenda add <item>`; preview the agenda with `/psw agenda`.'),
    );
  },
});
