/**
 * Timescales as network members write them in action plans ("Autumn 2023",
 * "May-July 2023", "Summer 2023 / Ongoing"), with a due date derived from them.
 *
 * The phrase is the record: people recognise their own wording in minutes and
 * workplans, so it is kept verbatim and `due` is only derived. A period is due
 * on its last day, because "Autumn 2023" means "by the end of autumn", not
 * "from 1 September".
 */
import {
  addDays, dateParts, dayOfWeek, daysInMonth, endOfMonth, localDateAt, makeLocalDate, MONTH_NAMES, WEEKDAY_NAMES,
} from './local-date.ts';
import type { LocalDate } from './local-date.ts';

export interface Timescale {
  /** Exactly as typed, only outer whitespace trimmed. */
  phrase: string;
  /** End of the period; null when the action is purely ongoing. */
  due: LocalDate | null;
  /** Reviewed at every meeting rather than (or as well as) falling due. */
  ongoing: boolean;
}

export type TimescaleResult = { ok: true; timescale: Timescale } | { ok: false; reason: string };

/** Examples shown to people after a refusal; every one of them parses. */
export const ACCEPTED_TIMESCALE_FORMS: readonly string[] = Object.freeze([
  'Autumn 2027', 'June 2027', 'May-July 2027', 'Q3 2027', '2027/28', '2027',
  '30 Sep 2027', '30/09/2027', '2027-09-30',
  'next Friday', 'in 2 weeks', 'end of month', 'Ongoing', 'Summer 2027 / Ongoing',
]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

type PartResult =
  | { kind: 'due'; due: LocalDate }
  | { kind: 'ongoing' }
  | { kind: 'refused'; reason: string };

interface PartContext {
  /** The part as typed (inner whitespace collapsed), quoted back in reasons. */
  typed: string;
  /** Lazy, so absolute phrases never depend on the clock or the zone. */
  today: () => LocalDate;
}

type Matcher = (text: string, ctx: PartContext) => PartResult | undefined;

/**
 * Separators between the timescales of a compound phrase. "/" counts only with
 * spaces round it so that "30/09/2027" and "2027/28" stay whole. Line breaks
 * count because a pasted table cell holds one timescale per line (seed 002 has
 * "June 2023", "July 2023", "July 2023" in one cell).
 */
const PART_SEPARATOR = /\s*(?:\r?\n|;)\s*|\s+(?:\/|and|then)\s+/i;

export function parseTimescale(phrase: string, now: Date, timeZone: string): TimescaleResult {
  const trimmed = phrase.trim();
  if (trimmed === '') return { ok: false, reason: 'No timescale was given.' };
  const today = (): LocalDate => localDateAt(now, timeZone);

  // Empty parts ("Autumn 2027;") are a slip of the keyboard, not a mistake worth refusing.
  const parts = trimmed.split(PART_SEPARATOR).map(collapseSpaces).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, reason: `${notRecognised(collapseSpaces(trimmed))}.` };

  let due: LocalDate | null = null;
  let ongoing = false;
  for (const typed of parts) {
    const result = parsePart(typed, today);
    if (result.kind === 'refused') {
      const reason = parts.length > 1 ? `In ${quote(collapseSpaces(trimmed))}, ${result.reason}.` : `${result.reason}.`;
      return { ok: false, reason };
    }
    if (result.kind === 'ongoing') ongoing = true;
    // The earliest date is the one that must not be missed; later parts are reviewed as it comes up.
    else if (due === null || result.due < due) due = result.due;
  }
  return { ok: true, timescale: { phrase: trimmed, due, ongoing } };
}

function parsePart(typed: string, today: () => LocalDate): PartResult {
  const ctx: PartContext = { typed, today };
  const text = normalise(typed);
  for (const matcher of MATCHERS) {
    const result = matcher(text, ctx);
    if (result) return result;
  }
  return refuse(notRecognised(typed));
}

function normalise(typed: string): string {
  return collapseSpaces(typed.toLowerCase())
    // Word and Sheets turn "May-July" into an en dash; people never mean anything different by it.
    .replace(/\s*[\u2010-\u2015\u2212]\s*/g, '-')
    .replace(/^(?:due )?(?:by )?(?:the )?/, '');
}

// ---- Vocabulary -------------------------------------------------------------

const MONTH_WORDS = new Map<string, number>([
  ...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...MONTH_NAMES.map((name, i) => [name.slice(0, 3).toLowerCase(), i + 1] as const),
  ['sept', 9],
]);

const WEEKDAY_WORDS = new Map<string, number>([
  ...WEEKDAY_NAMES.map((name, i) => [name.toLowerCase(), i] as const),
  ...WEEKDAY_NAMES.map((name, i) => [name.slice(0, 3).toLowerCase(), i] as const),
  ['tues', 2], ['thur', 4], ['thurs', 4],
]);

const COUNT_WORDS = new Map<string, number>([
  ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5],
  ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
]);

/** Meteorological seasons: the month each one ends in. Winter ends in February of the next year. */
const SEASON_END_MONTH = new Map<string, number>([['spring', 5], ['summer', 8], ['autumn', 11], ['winter', 2]]);

const FRIDAY = 5;

function alternatives(words: Iterable<string>): string {
  // Longest first, so "sept" is tried before "sep" and "june" before "jun".
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

const MONTH = alternatives(MONTH_WORDS.keys());
const SEASON = alternatives(SEASON_END_MONTH.keys());
const ORDINAL_DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const RANGE_JOIN = '(?: ?- ?| to )';

const WEEKDAY_PATTERN = new RegExp(`^(?:(next|this) )?(${alternatives(WEEKDAY_WORDS.keys())})$`);
const INTERVAL_PATTERN = new RegExp(
  `^(?:in|within) (\\d{1,3}|${alternatives(COUNT_WORDS.keys())}) (day|week|fortnight|month|year)s?$`,
);
const END_OF_CURRENT_PATTERN = /^end of (?:the )?(?:(this|next) )?(week|month|year)$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC_DATE_PATTERN = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
// "30-Sep-27" is how spreadsheets display dates, so dashes are allowed as well as spaces.
const WRITTEN_DATE_PATTERN = new RegExp(`^${ORDINAL_DAY}[ -](?:of )?(${MONTH})[ -](\\d{4}|\\d{2})$`);
const FINANCIAL_YEAR_PATTERN = /^(\d{4})[/-](\d{2}|\d{4})$/;
const QUARTER_PATTERN = /^q(\d{1,2}) (\d{4})$/;
const SEASON_PATTERN = new RegExp(`^(${SEASON}) (\\d{4})$`);
const FALL_PATTERN = /^fall(?: (\d{4}))?$/;
const MONTH_RANGE_PATTERN = new RegExp(`^(${MONTH})(?: (\\d{4}))?${RANGE_JOIN}(${MONTH}) (\\d{4})$`);
const MONTH_PATTERN = new RegExp(`^(${MONTH}) (\\d{4})$`);
const BARE_YEAR_PATTERN = /^(\d{4})$/;
const MISSING_YEAR_PATTERN = new RegExp(
  `^(?:${SEASON}|${MONTH}|q[1-4]|(?:${MONTH})${RANGE_JOIN}(?:${MONTH})|${ORDINAL_DAY} (?:of )?(?:${MONTH}))$`,
);
const END_OF_PERIOD_PATTERN = /^end (?:of )?(.+)$/;

// ---- Matchers, tried in order -------------------------------------------------

function matchOngoing(text: string): PartResult | undefined {
  return /^on-? ?going$/.test(text) ? { kind: 'ongoing' } : undefined;
}

function matchTodayOrTomorrow(text: string, ctx: PartContext): PartResult | undefined {
  if (text === 'today') return dueOn(ctx.today());
  if (text === 'tomorrow') return dueOn(addDays(ctx.today(), 1));
  return undefined;
}

/**
 * "Friday" and "this Friday" mean the first Friday on or after today, so said on
 * a Friday they mean today. "next Friday" is always strictly after today but
 * does not skip a week: said on a Thursday it means tomorrow. People disagree
 * about that one; the earlier reading is the safer due date, because a reminder
 * that comes early is harmless and one that comes late is missed.
 */
function matchWeekday(text: string, ctx: PartContext): PartResult | undefined {
  const m = WEEKDAY_PATTERN.exec(text);
  if (!m) return undefined;
  const today = ctx.today();
  const daysAhead = (WEEKDAY_WORDS.get(m[2]!)! - dayOfWeek(today) + 7) % 7;
  return dueOn(addDays(today, m[1] === 'next' && daysAhead === 0 ? 7 : daysAhead));
}

function matchInterval(text: string, ctx: PartContext): PartResult | undefined {
  const m = INTERVAL_PATTERN.exec(text);
  if (!m) return undefined;
  const count = COUNT_WORDS.get(m[1]!) ?? Number(m[1]);
  const today = ctx.today();
  const due = {
    day: () => addDays(today, count),
    week: () => addDays(today, 7 * count),
    fortnight: () => addDays(today, 14 * count),
    month: () => addMonths(today, count),
    year: () => addMonths(today, 12 * count),
  }[m[2] as 'day' | 'week' | 'fortnight' | 'month' | 'year']();
  if (dateParts(due).year > MAX_YEAR) return refuse(`${quote(ctx.typed)} is too far ahead: timescales must end by ${MAX_YEAR}`);
  return dueOn(due);
}

/** The working week ends on Friday; at a weekend "end of week" is the coming Friday. */
function matchEndOfCurrentPeriod(text: string, ctx: PartContext): PartResult | undefined {
  const m = END_OF_CURRENT_PATTERN.exec(text);
  if (!m) return undefined;
  const ahead = m[1] === 'next' ? 1 : 0;
  const today = ctx.today();
  if (m[2] === 'week') return dueOn(addDays(today, (FRIDAY - dayOfWeek(today) + 7) % 7 + 7 * ahead));
  if (m[2] === 'month') {
    const { year, month } = dateParts(addMonths(today, ahead));
    return dueOn(endOfMonth(year, month));
  }
  return dueOn(endOfMonth(dateParts(today).year + ahead, 12));
}

function matchIsoDate(text: string, ctx: PartContext): PartResult | undefined {
  const m = ISO_DATE_PATTERN.exec(text);
  if (!m) return undefined;
  return inYear(Number(m[1]), ctx, (year) => calendarDate(year, Number(m[2]), Number(m[3]), ctx, ''));
}

/** Day first, always: this is a UK tool, so "09/30/2027" is refused rather than guessed at. */
function matchNumericDate(text: string, ctx: PartContext): PartResult | undefined {
  const m = NUMERIC_DATE_PATTERN.exec(text);
  if (!m) return undefined;
  const hint = ' (dates are written day/month/year)';
  return inYear(expandYear(m[4]!), ctx, (year) => calendarDate(year, Number(m[3]), Number(m[1]), ctx, hint));
}

function matchWrittenDate(text: string, ctx: PartContext): PartResult | undefined {
  const m = WRITTEN_DATE_PATTERN.exec(text);
  if (!m) return undefined;
  return inYear(expandYear(m[3]!), ctx, (year) => calendarDate(year, MONTH_WORDS.get(m[2]!)!, Number(m[1]), ctx, ''));
}

/** UK public-sector years run 1 April to 31 March, and councils plan by them ("2022/2023" in seed 002). */
function matchFinancialYear(text: string, ctx: PartContext): PartResult | undefined {
  const m = FINANCIAL_YEAR_PATTERN.exec(text);
  if (!m) return undefined;
  return inYear(Number(m[1]), ctx, (start) => {
    const second = m[2]!;
    const expected = second.length === 2 ? String((start + 1) % 100).padStart(2, '0') : String(start + 1);
    if (second !== expected) {
      return refuse(
        `${quote(ctx.typed)} is not a financial year: the year after ${start} is ${start + 1}, as in "${start}/${expected}"`,
      );
    }
    return dueOn(endOfMonth(start + 1, 3));
  });
}

function matchQuarter(text: string, ctx: PartContext): PartResult | undefined {
  const m = QUARTER_PATTERN.exec(text);
  if (!m) return undefined;
  const quarter = Number(m[1]);
  if (quarter < 1 || quarter > 4) return refuse(`${quote(ctx.typed)} is not a quarter: quarters run from Q1 to Q4`);
  return inYear(Number(m[2]), ctx, (year) => dueOn(endOfMonth(year, quarter * 3)));
}

/** Winter is named by the December it starts in, so "Winter 2027" ends in February 2028. */
function matchSeason(text: string, ctx: PartContext): PartResult | undefined {
  const m = SEASON_PATTERN.exec(text);
  if (!m) return undefined;
  const endMonth = SEASON_END_MONTH.get(m[1]!)!;
  return inYear(Number(m[2]), ctx, (year) => dueOn(endOfMonth(endMonth === 2 ? year + 1 : year, endMonth)));
}

/** What users read is British English; accepting "Fall" would let it creep into shared workplans. */
function matchFall(text: string, ctx: PartContext): PartResult | undefined {
  const m = FALL_PATTERN.exec(text);
  if (!m) return undefined;
  const example = `Autumn ${m[1] ?? dateParts(ctx.today()).year}`;
  return refuse(`${quote(ctx.typed)} is not recognised: seasons are written in British English, e.g. "${example}"`);
}

/**
 * The year belongs to the end month, so "Nov-Jan 2028" runs from November 2027
 * to January 2028: the due date is what matters, and it is the stated one.
 */
function matchMonthRange(text: string, ctx: PartContext): PartResult | undefined {
  const m = MONTH_RANGE_PATTERN.exec(text);
  if (!m) return undefined;
  const startMonth = MONTH_WORDS.get(m[1]!)!;
  const endMonth = MONTH_WORDS.get(m[3]!)!;
  return inYear(Number(m[4]), ctx, (endYear) => {
    if (m[2] === undefined) return dueOn(endOfMonth(endYear, endMonth));
    return inYear(Number(m[2]), ctx, (startYear) =>
      startYear * 12 + startMonth > endYear * 12 + endMonth
        ? refuse(`${quote(ctx.typed)} ends before it starts`)
        : dueOn(endOfMonth(endYear, endMonth)));
  });
}

function matchMonth(text: string, ctx: PartContext): PartResult | undefined {
  const m = MONTH_PATTERN.exec(text);
  if (!m) return undefined;
  return inYear(Number(m[2]), ctx, (year) => dueOn(endOfMonth(year, MONTH_WORDS.get(m[1]!)!)));
}

function matchBareYear(text: string, ctx: PartContext): PartResult | undefined {
  const m = BARE_YEAR_PATTERN.exec(text);
  if (!m) return undefined;
  return inYear(Number(m[1]), ctx, (year) => dueOn(endOfMonth(year, 12)));
}

/** Guessing the year of "Autumn" would be right most of the time and silently wrong in December. */
function matchMissingYear(text: string, ctx: PartContext): PartResult | undefined {
  if (!MISSING_YEAR_PATTERN.test(text)) return undefined;
  return refuse(`${quote(ctx.typed)} needs a year, e.g. "${ctx.typed} ${dateParts(ctx.today()).year}"`);
}

const PERIOD_MATCHERS: readonly Matcher[] = [
  matchFinancialYear, matchQuarter, matchSeason, matchFall, matchMonthRange, matchMonth, matchBareYear,
  matchMissingYear,
];

/** A period is already due at its end, so "end of June 2027" is just "June 2027" said more carefully. */
function matchEndOfPeriod(text: string, ctx: PartContext): PartResult | undefined {
  const m = END_OF_PERIOD_PATTERN.exec(text);
  if (!m) return undefined;
  for (const matcher of PERIOD_MATCHERS) {
    const result = matcher(m[1]!, ctx);
    if (result) return result;
  }
  return undefined;
}

/**
 * Order matters only where forms overlap: "end of month" must be read as
 * relative before "end of <period>" gets it, and full dates ("2027-09-30")
 * before financial years ("2027-28").
 */
const MATCHERS: readonly Matcher[] = [
  matchOngoing, matchTodayOrTomorrow, matchWeekday, matchInterval, matchEndOfCurrentPeriod,
  matchIsoDate, matchNumericDate, matchWrittenDate,
  ...PERIOD_MATCHERS,
  matchEndOfPeriod,
];

// ---- Helpers -------------------------------------------------------------------

function dueOn(due: LocalDate): PartResult {
  return { kind: 'due', due };
}

function refuse(reason: string): PartResult {
  return { kind: 'refused', reason };
}

function quote(text: string): string {
  return `"${text}"`;
}

function notRecognised(typed: string): string {
  return `${quote(typed)} is not a timescale I recognise`;
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Two-digit years are always this century: nobody plans an action for 1927. */
function expandYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

function inYear(year: number, ctx: PartContext, build: (year: number) => PartResult): PartResult {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return refuse(`${quote(ctx.typed)} has the year ${year}, but timescales must fall between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return build(year);
}

function calendarDate(year: number, month: number, day: number, ctx: PartContext, hint: string): PartResult {
  const notADate = `${quote(ctx.typed)} is not a date`;
  if (month < 1 || month > 12) return refuse(`${notADate}: there is no month ${month}${hint}`);
  if (day < 1) return refuse(`${notADate}: there is no day ${day}`);
  const date = makeLocalDate(year, month, day);
  if (date === undefined) {
    return refuse(`${notADate}: ${MONTH_NAMES[month - 1]!} ${year} has ${daysInMonth(year, month)} days`);
  }
  return dueOn(date);
}

/** Same day of the month, clamped to the month's end: a month from 31 January is 28 (or 29) February. */
function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return makeLocalDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))) as LocalDate;
}
