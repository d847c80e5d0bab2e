import { describe, expect, it } from 'vitest';
import { parseBankHolidays } from '../../src/bank-holidays-file.ts';
import { DataFileError } from '../../src/errors.ts';
import { addDays, dayOfWeek, makeLocalDate, type LocalDate } from '../../src/domain/local-date.ts';
import { addWorkingDays, BankHolidays, isWorkingDay, previousWorkingDay, workingDaysAfter } from '../../src/domain/working-days.ts';
import { englandAndWales } from '../support/bank-holidays.ts';

const holidays = englandAndWales();
const YEARS = [2024, 2025, 2026, 2027, 2028];

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeLocalDate(year, month, day)!;
}

const firstMonday = (year: number, month: number): LocalDate => {
  let day = makeLocalDate(year, month, 1)!;
  while (dayOfWeek(day) !== 1) day = addDays(day, 1);
  return day;
};
const lastMonday = (year: number, month: number): LocalDate => {
  let day = addDays(makeLocalDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1)!, -1);
  while (dayOfWeek(day) !== 1) day = addDays(day, -1);
  return day;
};
/** A fixed holiday falling at a weekend moves to the next weekday not already taken. */
const observed = (date: LocalDate, taken: readonly LocalDate[]): LocalDate => {
  let day = date;
  while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6 || taken.includes(day)) day = addDays(day, 1);
  return day;
};

describe('the bundled England and Wales bank holidays agree with the rules that make them', () => {
  it.each(YEARS)('%i: the eight holidays, substitute days included', (year) => {
    const newYear = observed(makeLocalDate(year, 1, 1)!, []);
    const christmas = observed(makeLocalDate(year, 12, 25)!, []);
    const boxingDay = observed(makeLocalDate(year, 12, 26)!, [christmas]);
    const easter = easterSunday(year);
    const expected = [newYear, addDays(easter, -2), addDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8), christmas, boxingDay];
    const listed = holidays.all().filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
    expect(listed).toEqual(expected);
    expect(holidays.covers(year)).toBe(true);
  });

  it('does not claim to cover years it has no data for', () => {
    expect(holidays.covers(2023)).toBe(false);
    expect(holidays.covers(2029)).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it.each([
    // Christmas 2026: Boxing Day is a Saturday, so Monday 28 is the substitute day.
    ['2026-12-24', true], ['2026-12-25', false], ['2026-12-26', false], ['2026-12-27', false], ['2026-12-28', false], ['2026-12-29', true],
    // Christmas 2027: both days at the weekend, substitutes on Monday 27 and Tuesday 28.
    ['2027-12-24', true], ['2027-12-27', false], ['2027-12-28', false], ['2027-12-29', true],
    // New Year 2028 is a Saturday: Monday 3 January instead.
    ['2027-12-31', true], ['2028-01-03', false], ['2028-01-04', true],
    // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    ['2027-03-25', true], ['2027-03-26', false], ['2027-03-29', false], ['2027-03-30', true],
    // Early May, late May (spring) and August (summer) bank holidays 2027.
    ['2027-05-03', false], ['2027-05-31', false], ['2027-06-01', true], ['2027-08-30', false], ['2027-08-31', true],
    // Ordinary weekdays and weekends.
    ['2027-05-27', true], ['2027-05-29', false], ['2027-05-30', false],
  ] as const)('%s → %s', (date, working) => {
    expect(isWorkingDay(date, holidays)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2027-05-27', 0, '2027-05-27'],
    ['2027-05-27', 1, '2027-05-28'],
    // Over the late May bank holiday weekend.
    ['2027-05-27', 2, '2027-06-01'],
    ['2027-05-27', 3, '2027-06-02'],
    // Over Easter.
    ['2027-03-25', 1, '2027-03-30'],
    // Over Christmas and New Year.
    ['2027-12-24', 1, '2027-12-29'],
    ['2027-12-31', 1, '2028-01-04'],
    ['2026-12-24', 1, '2026-12-29'],
    // From a Saturday.
    ['2027-05-29', 1, '2027-06-01'],
    // Over the August bank holiday.
    ['2027-08-27', 1, '2027-08-31'],
  ] as const)('%s + %i working days → %s', (date, n, expected) => {
    expect(addWorkingDays(date, n, holidays)).toBe(expected);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2027-05-27', -1, holidays)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-05-27', 1.5, holidays)).toThrow(RangeError);
  });
});

describe('workingDaysAfter (how overdue an action is, in working days)', () => {
  it.each([
    ['2027-05-19', '2027-05-27', 6],
    ['2027-05-20', '2027-05-27', 5],
    ['2027-05-26', '2027-05-27', 1],
    ['2027-05-27', '2027-05-27', 0],
    ['2027-05-28', '2027-05-27', 0],
    // Friday before the late May bank holiday to the Wednesday after: Tuesday and Wednesday.
    ['2027-05-28', '2027-06-02', 2],
    ['2026-12-24', '2026-12-29', 1],
    ['2027-12-24', '2028-01-04', 4],
    ['2027-03-25', '2027-03-30', 1],
  ] as const)('after %s up to %s: %i', (from, to, expected) => {
    expect(workingDaysAfter(from, to, holidays)).toBe(expected);
  });

  it('agrees with counting day by day over every span of up to 800 days from a spread of starts', () => {
    const naive = (from: LocalDate, to: LocalDate): number => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) n++;
      return n;
    };
    for (const from of ['2023-12-20', '2024-03-28', '2025-12-24', '2026-05-22', '2027-12-23']) {
      for (let span = 0; span <= 800; span += 37) {
        const to = addDays(from, span);
        expect(workingDaysAfter(from, to, holidays), `${from} → ${to}`).toBe(naive(from, to));
      }
    }
  });
});

describe('previousWorkingDay (the day before a meeting on which its agenda goes out)', () => {
  it.each([
    ['2027-06-01', '2027-05-28'],
    ['2027-03-30', '2027-03-25'],
    ['2027-12-29', '2027-12-24'],
    ['2027-01-04', '2026-12-31'],
    ['2027-05-27', '2027-05-26'],
  ] as const)('meeting on %s → %s', (meeting, expected) => {
    expect(previousWorkingDay(meeting, holidays)).toBe(expected);
  });
});

describe('BankHolidays', () => {
  it('lists holidays within a span, after the start and up to the end', () => {
    const h = new BankHolidays([{ date: '2027-05-31', title: 'Spring bank holiday' }, { date: '2027-05-03', title: 'Early May bank holiday' }]);
    expect(h.between('2027-05-03', '2027-05-31')).toEqual(['2027-05-31']);
    expect(h.on('2027-05-03')).toBe('Early May bank holiday');
  });
});

describe('parseBankHolidays refuses a damaged list, naming the problem', () => {
  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['an impossible date', JSON.stringify({ division: 'x', events: [{ title: 'A', date: '2027-02-29' }] }), /events\.0\.date: must be a real date/],
    ['a date listed twice', JSON.stringify({ division: 'x', events: [{ title: 'A', date: '2027-05-31' }, { title: 'B', date: '2027-05-31' }] }), /2027-05-31 is listed twice/],
    ['no events', JSON.stringify({ division: 'x', events: [] }), /at least one holiday/],
  ])('%s', (_name, text, message) => {
    expect(() => parseBankHolidays('holidays.json', text)).toThrow(DataFileError);
    expect(() => parseBankHolidays('holidays.json', text)).toThrow(message);
  });

  it('accepts the extra fields of the GOV.UK file', () => {
    const text = JSON.stringify({ division: 'england-and-wales', events: [{ title: 'Boxing Day', date: '2026-12-28', notes: 'Substitute day', bunting: true }] });
    expect(parseBankHolidays('h.json', text).on('2026-12-28')).toBe('Boxing Day');
  });
});
