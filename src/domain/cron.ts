import { addDays, dateParts, dayOfWeek, instantAt, instantsAt, localDateAt, type LocalDate } from './local-date.ts';

/**
 * Cron expressions, read as wall-clock times in a time zone, and the instants
 * they name. This is the one place that decides when a scheduled job is due;
 * the scheduler's timer only wakes it up. Kept pure so clock changes can be
 * tested with any `now`.
 *
 * Five fields: minute hour day-of-month month day-of-week. Each is `*`, a
 * number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of those;
 * months and weekdays may be names (JAN, MON-FRI); 0 and 7 are Sunday.
 *
 * Clock changes (Europe/London: the last Sundays of March and October):
 * - A schedule with a fixed hour runs at its wall-clock time. A time that does
 *   not exist that day (01:30 on the last Sunday of March) runs one hour
 *   later by the clock (02:30 BST, exactly 24 hours after the day before's
 *   run), as `instantAt` and meetings do. A time that happens twice (01:30 on
 *   the last Sunday of October) runs once, the first time.
 * - A schedule whose hour is `*` follows the real clock instead: minutes that
 *   do not exist are not run (the hour after covers them) and the repeated
 *   hour runs twice, so it still runs every hour.
 * Either way two runs never share an instant.
 */
export interface CronSchedule {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday ... 6 = Saturday */
  daysOfWeek: ReadonlySet<number>;
  /** Hour field `*`: runs follow the real clock through a change (see above). */
  everyHour: boolean;
}

export type CronParse = { ok: true; schedule: CronSchedule } | { ok: false; reason: string };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Where names[0] sits: 1 for months, 0 for weekdays. */
  nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of the month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of the week', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

export function parseCron(expression: string): CronParse {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    return { ok: false, reason: `"${expression}" has ${parts.length} field${parts.length === 1 ? '' : 's'}; a schedule has five: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1-5" (09:00 on weekdays)` };
  }
  const values: number[][] = [];
  for (const [i, spec] of FIELDS.entries()) {
    const field = parseField(parts[i]!, spec);
    if (typeof field === 'string') return { ok: false, reason: `"${expression}": ${field}` };
    values.push(field);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = values as [number[], number[], number[], number[], number[]];
  if (parts[2] !== '*' && parts[4] !== '*') {
    // Cron implementations disagree here (POSIX: either matches; node-cron: both must), so we accept neither.
    return { ok: false, reason: `"${expression}" restricts both the day of the month and the day of the week; restrict one of them` };
  }
  return {
    ok: true,
    schedule: {
      expression: expression.trim(),
      minutes,
      hours,
      daysOfMonth: new Set(daysOfMonth),
      months: new Set(months),
      daysOfWeek: new Set(daysOfWeek.map((d) => d % 7)),
      everyHour: parts[1] === '*',
    },
  };
}

/** Parses or throws: for schedules written in code, which tests cover. */
export function cronSchedule(expression: string): CronSchedule {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.schedule;
}

function parseField(text: string, spec: FieldSpec): number[] | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not a valid ${spec.name}`;
    const step = m[3] === undefined ? 1 : Number(m[3]);
    let from: number | string;
    let to: number | string;
    if (m[1] === '*') {
      if (m[2] !== undefined) return `"${item}" is not a valid ${spec.name}`;
      [from, to] = [spec.min, spec.name === 'day of the week' ? 6 : spec.max];
    } else {
      from = valueOf(m[1]!, spec);
      to = m[2] !== undefined ? valueOf(m[2], spec) : m[3] !== undefined ? spec.max : from;
    }
    if (typeof from === 'string') return from;
    if (typeof to === 'string') return to;
    if (step < 1) return `the step in "${item}" must be 1 or more`;
    if (to < from) return `"${item}" runs backwards; write the smaller ${spec.name} first`;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

function valueOf(token: string, spec: FieldSpec): number | string {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + (spec.nameBase ?? 0) : /^\d+$/.test(token) ? Number(token) : NaN;
  if (Number.isNaN(value)) return `"${token}" is not a ${spec.name}`;
  if (value < spec.min || value > spec.max) return `${spec.name} ${value} is out of range (${spec.min}-${spec.max})`;
  return value;
}

function matchesDate(schedule: CronSchedule, date: LocalDate): boolean {
  const { month, day } = dateParts(date);
  return schedule.months.has(month) && schedule.daysOfMonth.has(day) && schedule.daysOfWeek.has(dayOfWeek(date));
}

/** The instants the schedule names on one local date, earliest first. */
function instantsOn(schedule: CronSchedule, date: LocalDate, timeZone: string): Date[] {
  if (!matchesDate(schedule, date)) return [];
  const found: Date[] = [];
  for (const hour of schedule.hours) {
    for (const minute of schedule.minutes) {
      if (schedule.everyHour) found.push(...instantsAt(date, hour, minute, timeZone));
      else found.push(instantAt(date, hour, minute, timeZone));
    }
  }
  return found;
}

/**
 * Every instant the schedule names after `after` and up to and including
 * `until`, earliest first, each once.
 */
export function occurrencesBetween(schedule: CronSchedule, after: Date, until: Date, timeZone: string): Date[] {
  if (until.getTime() <= after.getTime()) return [];
  const found = new Map<number, Date>();
  const last = addDays(localDateAt(until, timeZone), 1);
  for (let date = addDays(localDateAt(after, timeZone), -1); date <= last; date = addDays(date, 1)) {
    for (const instant of instantsOn(schedule, date, timeZone)) {
      const t = instant.getTime();
      if (t > after.getTime() && t <= until.getTime()) found.set(t, instant);
    }
  }
  return [...found.values()].sort((a, b) => a.getTime() - b.getTime());
}

/** The first instant the schedule names after `after`; undefined if none within about five years (31 February). */
export function nextOccurrence(schedule: CronSchedule, after: Date, timeZone: string): Date | undefined {
  let date = addDays(localDateAt(after, timeZone), -1);
  for (let i = 0; i < 5 * 366; i++, date = addDays(date, 1)) {
    const next = instantsOn(schedule, date, timeZone)
      .filter((instant) => instant.getTime() > after.getTime())
      .sort((a, b) => a.getTime() - b.getTime())[0];
    if (next) return next;
  }
  return undefined;
}
