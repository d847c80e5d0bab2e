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

let lastLocalDate: { ms: number; timeZone: string; date: LocalDate } | undefined;

/**
 * The calendar date an instant falls on in a time zone. Remembers the last
 * answer: listing 10,000 actions asks the same question 10,000 times, and
 * Intl formatting is the slow part.
 */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  if (lastLocalDate?.ms === ms && lastLocalDate.timeZone === timeZone) return lastLocalDate.date;
  const parts = zonedParts(instant, timeZone);
  const date = makeLocalDate(parts.year, parts.month, parts.day) as LocalDate;
  lastLocalDate = { ms, timeZone, date };
  return date;
}

/** "31 May 2027": how UK readers expect a date written out. */
export function formatUkDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTH_NAMES[month - 1]!.slice(0, 3)} ${year}`;
}

/** "31/05/2027": the numeric UK form, as spreadsheets show dates. */
export function formatUkNumericDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${pad2(day)}/${pad2(month)}/${year}`;
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
 * Recent answers of zonedParts. Intl formatting is slow (around 10µs), and a
 * job or sync asks about the same `now` for every action it looks at.
 */
const zonedCache = new Map<string, Readonly<ZonedParts>>();
const ZONED_CACHE_SIZE = 1024;

/** Wall-clock fields of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const key = `${timeZone}\u0000${instant.getTime()}`;
  const cached = zonedCache.get(key);
  if (cached) return { ...cached };
  const parts = computeZonedParts(instant, timeZone);
  if (zonedCache.size >= ZONED_CACHE_SIZE) zonedCache.clear();
  zonedCache.set(key, parts);
  return { ...parts };
}

function computeZonedParts(instant: Date, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!, month: fields.month!, day: fields.day!,
    hour: fields.hour!, minute: fields.minute!, second: fields.second!,
  };
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

/**
 * Every instant at which the wall clock in `timeZone` reads `date`
 * `hour:minute`, earliest first: none in the spring-forward gap, two in the
 * autumn overlap, one otherwise. `instantAt` picks one; this is for callers
 * that follow the real clock (an hourly job runs twice in the repeated hour).
 */
export function instantsAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date[] {
  const { year, month, day } = dateParts(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsets = new Set([-86_400_000, 0, 86_400_000].map((shift) => offsetMs(new Date(wallAsUtc + shift), timeZone)));
  return [...offsets]
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => {
      const p = zonedParts(new Date(candidate), timeZone);
      return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
    })
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms));
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
