/**
 * Calendar dates without a time of day, as ISO strings ("2027-05-31").
 *
 * Due dates in this domain are days, not instants: "Spring 2027" ends on
 * 31 May 2027 wherever the reader is. Keeping them as plain strings makes
 * them trivially serialisable, comparable with < and >, and free of the
 * time-zone drift that `Date` brings. Conversions to and from instants take
 * the zone explicitly.
 */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export { MONTH_NAMES, WEEKDAY_NAMES };

export interface DateParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds a LocalDate, or returns undefined when the parts name no real day (31 June, 29 Feb 2027). */
export function makeLocalDate(year: number, month: number, day: number): LocalDate | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function isLocalDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && makeLocalDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

export function dateParts(date: LocalDate): DateParts {
  const m = ISO_DATE.exec(date);
  if (!m) throw new TypeError(`Not an ISO calendar date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function endOfMonth(year: number, month: number): LocalDate {
  return makeLocalDate(year, month, daysInMonth(year, month)) as LocalDate;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = dateParts(date);
  return fromUtcDate(new Date(Date.UTC(year, month - 1, day + days)));
}

/** 0 = Sunday ... 6 = Saturday, as Date.getDay(). */
export function dayOfWeek(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** The calendar date an instant falls on in a time zone. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const parts = zonedParts(instant, timeZone);
  return makeLocalDate(parts.year, parts.month, parts.day) as LocalDate;
}

/** "31 May 2027": how UK readers expect a date written out. */
export function formatUkDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTH_NAMES[month - 1]!.slice(0, 3)} ${year}`;
}

/** "Thursday 3 June 2027" */
export function formatUkLongDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${WEEKDAY_NAMES[dayOfWeek(date)]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

export interface ZonedParts extends DateParts {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last instant converted, per zone. A list works out "today" once per
 * action from the same `now` (RAG, overdue), and Intl.formatToParts is by
 * far the slowest step of that; the answer for an instant never changes.
 */
const lastConverted = new Map<string, { ms: number; parts: ZonedParts }>();

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const ms = instant.getTime();
  const last = lastConverted.get(timeZone);
  if (last?.ms === ms) return { ...last.parts };
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const parts = {
    year: fields.year!, month: fields.month!, day: fields.day!,
    hour: fields.hour!, minute: fields.minute!, second: fields.second!,
  };
  lastConverted.set(timeZone, { ms, parts });
  return { ...parts };
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `hour:minute`.
 * In the spring-forward gap (01:30 on the last Sunday of March in London) the
 * time does not exist; we return the instant one hour later, which is what a
 * person means by "the 01:30 meeting" that day. In the autumn overlap we take
 * the first (summer-time) occurrence.
 */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const { year, month, day } = dateParts(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes converge for every real zone: offsets change at most once near a given instant.
  let guess = wallAsUtc - offsetMs(new Date(wallAsUtc), timeZone);
  guess = wallAsUtc - offsetMs(new Date(guess), timeZone);
  const earlier = wallAsUtc - offsetMs(new Date(guess - 3_600_000), timeZone);
  const check = zonedParts(new Date(earlier), timeZone);
  if (check.hour === hour && check.minute === minute && earlier < guess) return new Date(earlier);
  return new Date(guess);
}

/** Offset of the zone from UTC at an instant, in milliseconds (+3600000 for BST). */
export function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function fromUtcDate(d: Date): LocalDate {
  return makeLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) as LocalDate;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
