import { addDays, dateParts, dayOfWeek, daysBetween, type LocalDate } from './local-date.ts';

/** One bank holiday as GOV.UK lists it: the day it is observed (substitute days included). */
export interface BankHoliday {
  date: LocalDate;
  title: string;
}

/**
 * The bank holidays of one UK division, for the years the data covers. The
 * list is data (data/bank-holidays/), not rules: substitute days, moved
 * holidays and one-off holidays (a coronation, a jubilee) are whatever the
 * official list says.
 */
export class BankHolidays {
  readonly #byDate: Map<LocalDate, string>;
  readonly #years: Set<number>;

  constructor(holidays: Iterable<BankHoliday>) {
    this.#byDate = new Map([...holidays].map((h) => [h.date, h.title]));
    this.#years = new Set([...this.#byDate.keys()].map((d) => dateParts(d).year));
  }

  /** The holiday's title on that day, or undefined on an ordinary day. */
  on(date: LocalDate): string | undefined {
    return this.#byDate.get(date);
  }

  /** Whether the data lists any holiday in that year; outside them every weekday counts as a working day. */
  covers(year: number): boolean {
    return this.#years.has(year);
  }

  /** Holiday dates after `from`, up to and including `to`. */
  between(from: LocalDate, to: LocalDate): LocalDate[] {
    return [...this.#byDate.keys()].filter((d) => d > from && d <= to);
  }

  all(): BankHoliday[] {
    return [...this.#byDate].map(([date, title]) => ({ date, title })).sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}

/** Monday to Friday, except bank holidays. */
export function isWorkingDay(date: LocalDate, holidays: BankHolidays): boolean {
  return isWeekday(date) && holidays.on(date) === undefined;
}

function isWeekday(date: LocalDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `n`th working day after `date` (n ≥ 1), or `date` itself for n = 0.
 * "Due within 3 working days" of Thursday 27 May 2027 reaches Wednesday
 * 2 June: Friday, then Tuesday (Monday 31 May is the spring bank holiday), then Wednesday.
 */
export function addWorkingDays(date: LocalDate, n: number, holidays: BankHolidays): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole number of days ≥ 0, not ${n}`);
  let day = date;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}

/**
 * How many working days fall after `from`, up to and including `to`; 0 when
 * `to` is not after `from`. Counts whole weeks arithmetically, so an action
 * three years overdue costs no more than one a day overdue.
 */
export function workingDaysAfter(from: LocalDate, to: LocalDate, holidays: BankHolidays): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  let count = Math.floor(days / 7) * 5;
  for (let day = addDays(from, Math.floor(days / 7) * 7 + 1); day <= to; day = addDays(day, 1)) {
    if (isWeekday(day)) count++;
  }
  for (const holiday of holidays.between(from, to)) {
    if (isWeekday(holiday)) count--;
  }
  return count;
}

/** The last working day before `date`: where "the working day before the meeting" lands. */
export function previousWorkingDay(date: LocalDate, holidays: BankHolidays): LocalDate {
  let day = addDays(date, -1);
  while (!isWorkingDay(day, holidays)) day = addDays(day, -1);
  return day;
}
