import { describe, it, expect } from 'vitest';
import { ACCEPTED_TIMESCALE_FORMS, parseTimescale } from '../../src/domain/timescale.ts';
import type { TimescaleResult } from '../../src/domain/timescale.ts';

const LONDON = 'Europe/London';
/** Thursday 27 May 2027, mid-morning in London. */
const NOW = new Date('2027-05-27T09:00:00+01:00');

function dueOf(phrase: string, now: Date = NOW, timeZone: string = LONDON): string | null {
  const result = parseTimescale(phrase, now, timeZone);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(phrase)} to parse, got: ${result.reason}`);
  return result.timescale.due;
}

function reasonOf(phrase: string, now: Date = NOW): string {
  const result = parseTimescale(phrase, now, LONDON);
  if (result.ok) throw new Error(`expected ${JSON.stringify(phrase)} to be refused, got due ${result.timescale.due}`);
  return result.reason;
}

describe('parseTimescale: phrases from the seed action plan (PSW Priorities and Action plan 2023-2024)', () => {
  it.each([
    ['Autumn 2023', '2023-11-30', false],
    ['Summer 2023', '2023-08-31', false],
    ['May-July 2023', '2023-07-31', false],
    ['June 2023', '2023-06-30', false],
    ['July 2023', '2023-07-31', false],
    ['April 2023', '2023-04-30', false],
    ['September 2023', '2023-09-30', false],
    ['2024', '2024-12-31', false],
    ['2022/2023', '2023-03-31', false],
    ['Ongoing', null, true],
    ['Summer 2023 / Ongoing', '2023-08-31', true],
    // One table cell, pasted as it appears in the seed: a timescale per line.
    ['Summer 2023\n\n\nOngoing', '2023-08-31', true],
    ['June 2023\n\nJuly 2023\n\nJuly 2023', '2023-06-30', false],
  ] as const)('%j → due %s, ongoing %s', (phrase, due, ongoing) => {
    expect(parseTimescale(phrase, NOW, LONDON)).toEqual({
      ok: true,
      timescale: { phrase, due, ongoing },
    });
  });
});

describe('parseTimescale: periods are due on their last day', () => {
  it.each([
    // Meteorological seasons; winter ends in February of the following year.
    ['Spring 2027', '2027-05-31'],
    ['Summer 2027', '2027-08-31'],
    ['Autumn 2027', '2027-11-30'],
    ['Winter 2027', '2028-02-29'],
    ['Winter 2026', '2027-02-28'],
    ['Winter 2023', '2024-02-29'],
    ['Winter 2099', '2100-02-28'],
    ['AUTUMN 2027', '2027-11-30'],
    ['autumn    2027', '2027-11-30'],
    ['Autumn\u00a02027', '2027-11-30'],
    // Months, full and abbreviated.
    ['June 2027', '2027-06-30'],
    ['Jun 2027', '2027-06-30'],
    ['Sept 2027', '2027-09-30'],
    ['Sep 2027', '2027-09-30'],
    ['DECEMBER 2027', '2027-12-31'],
    ['February 2028', '2028-02-29'],
    ['Feb 2027', '2027-02-28'],
    ['February 2100', '2100-02-28'],
    ['February 2000', '2000-02-29'],
    // Month ranges: the year belongs to the end month.
    ['May-July 2027', '2027-07-31'],
    ['May - July 2027', '2027-07-31'],
    ['May to July 2027', '2027-07-31'],
    ['May\u2013July 2027', '2027-07-31'],
    ['May \u2013 July 2027', '2027-07-31'],
    ['Sept-Dec 2027', '2027-12-31'],
    ['Nov-Jan 2028', '2028-01-31'],
    ['Jan-Feb 2028', '2028-02-29'],
    ['July-May 2027', '2027-05-31'],
    ['May 2027 - July 2027', '2027-07-31'],
    ['Nov 2027 to Jan 2028', '2028-01-31'],
    // Calendar quarters.
    ['Q1 2028', '2028-03-31'],
    ['Q2 2027', '2027-06-30'],
    ['Q3 2027', '2027-09-30'],
    ['q4 2027', '2027-12-31'],
    // UK financial years end on 31 March.
    ['2027/28', '2028-03-31'],
    ['2027-28', '2028-03-31'],
    ['2027/2028', '2028-03-31'],
    ['2027-2028', '2028-03-31'],
    ['2099/00', '2100-03-31'],
    // Whole years.
    ['2027', '2027-12-31'],
    ['end of 2027', '2027-12-31'],
    ['End 2027', '2027-12-31'],
    ['end of June 2027', '2027-06-30'],
    ['end of Autumn 2027', '2027-11-30'],
    ['1900', '1900-12-31'],
    ['2199', '2199-12-31'],
  ])('%j → %s', (phrase, due) => {
    expect(dueOf(phrase)).toBe(due);
  });
});

describe('parseTimescale: exact dates are day first', () => {
  it.each([
    ['2027-09-30', '2027-09-30'],
    ['2027-9-3', '2027-09-03'],
    ['30 Sep 2027', '2027-09-30'],
    ['30 Sept 2027', '2027-09-30'],
    ['30 September 2027', '2027-09-30'],
    ['30th September 2027', '2027-09-30'],
    ['1st Oct 2027', '2027-10-01'],
    ['2nd of June 2027', '2027-06-02'],
    ['30-Sep-27', '2027-09-30'],
    ['30/09/2027', '2027-09-30'],
    ['30/9/2027', '2027-09-30'],
    ['30.09.2027', '2027-09-30'],
    ['30-09-2027', '2027-09-30'],
    ['30/09/27', '2027-09-30'],
    ['1/1/00', '2000-01-01'],
    ['31/12/99', '2099-12-31'],
    ['29/02/2028', '2028-02-29'],
    ['29 Feb 2000', '2000-02-29'],
  ])('%j → %s', (phrase, due) => {
    expect(dueOf(phrase)).toBe(due);
  });
});

describe('parseTimescale: "Ongoing"', () => {
  it.each(['Ongoing', 'ONGOING', 'ongoing', 'on-going', 'On-Going', 'on going', 'Ongoing / Ongoing'])(
    '%j is reviewed at every meeting and never due',
    (phrase) => {
      expect(parseTimescale(phrase, NOW, LONDON)).toEqual({ ok: true, timescale: { phrase, due: null, ongoing: true } });
    },
  );
});

describe('parseTimescale: optional "by" and "due" in front', () => {
  it.each([
    ['by Autumn 2027', '2027-11-30'],
    ['BY   Autumn 2027', '2027-11-30'],
    ['due Autumn 2027', '2027-11-30'],
    ['due by Summer 2027', '2027-08-31'],
    ['by 30/09/2027', '2027-09-30'],
    ['by end of 2027', '2027-12-31'],
    ['by the end of the month', '2027-05-31'],
    ['by next Friday', '2027-05-28'],
  ])('%j → %s', (phrase, due) => {
    expect(dueOf(phrase)).toBe(due);
  });
});

describe('parseTimescale: compound phrases', () => {
  it.each([
    ['Summer 2023 / Ongoing', '2023-08-31', true],
    ['Autumn 2023 and ongoing', '2023-11-30', true],
    ['Spring 2024 / Summer 2024', '2024-05-31', false],
    ['Summer 2024 / Spring 2024', '2024-05-31', false],
    ['Ongoing / Autumn 2027', '2027-11-30', true],
    ['June 2027 then Ongoing', '2027-06-30', true],
    ['Autumn 2027; 30/09/2027', '2027-09-30', false],
    ['30/09/2027 / 2027/28', '2027-09-30', false],
    ['by Autumn 2027 AND on-going', '2027-11-30', true],
    // A stray trailing separator is a slip, not a second timescale.
    ['Autumn 2027;', '2027-11-30', false],
  ] as const)('%j → due %s, ongoing %s', (phrase, due, ongoing) => {
    expect(parseTimescale(phrase, NOW, LONDON)).toEqual({ ok: true, timescale: { phrase, due, ongoing } });
  });

  it('does not split a date or a financial year on its slash', () => {
    expect(dueOf('30/09/2027')).toBe('2027-09-30');
    expect(dueOf('2027/28')).toBe('2028-03-31');
  });
});

describe('parseTimescale: relative to today in the given zone (now = Thursday 27 May 2027)', () => {
  it.each([
    ['today', '2027-05-27'],
    ['Tomorrow', '2027-05-28'],
    // Weekday names: on or after today; "next" is strictly after today, without skipping a week.
    ['Friday', '2027-05-28'],
    ['this Friday', '2027-05-28'],
    ['next Friday', '2027-05-28'],
    ['Thursday', '2027-05-27'],
    ['this thursday', '2027-05-27'],
    ['next Thursday', '2027-06-03'],
    ['next Monday', '2027-05-31'],
    ['Sunday', '2027-05-30'],
    ['tues', '2027-06-01'],
    ['next wed', '2027-06-02'],
    // Intervals.
    ['in 3 days', '2027-05-30'],
    ['in 2 weeks', '2027-06-10'],
    ['in a week', '2027-06-03'],
    ['in a fortnight', '2027-06-10'],
    ['in two days', '2027-05-29'],
    ['within 10 days', '2027-06-06'],
    ['in 1 month', '2027-06-27'],
    ['in 1 year', '2028-05-27'],
    // Ends of the current or next period; the working week ends on Friday.
    ['end of month', '2027-05-31'],
    ['end of the month', '2027-05-31'],
    ['End Of This Month', '2027-05-31'],
    ['end of next month', '2027-06-30'],
    ['end of week', '2027-05-28'],
    ['end of the week', '2027-05-28'],
    ['end of next week', '2027-06-04'],
    ['end of year', '2027-12-31'],
    ['end of the year', '2027-12-31'],
    ['end of next year', '2028-12-31'],
  ])('%j → %s', (phrase, due) => {
    expect(dueOf(phrase)).toBe(due);
  });

  it.each([
    // Friday 28 May 2027: a bare weekday can be today, "next" cannot.
    ['2027-05-28T10:00:00+01:00', 'Friday', '2027-05-28'],
    ['2027-05-28T10:00:00+01:00', 'next Friday', '2027-06-04'],
    ['2027-05-28T10:00:00+01:00', 'end of week', '2027-05-28'],
    // Saturday 29 May 2027: the working week is over, so its end is the coming Friday.
    ['2027-05-29T10:00:00+01:00', 'end of week', '2027-06-04'],
    ['2027-05-29T10:00:00+01:00', 'end of next week', '2027-06-11'],
  ])('at %s, %j → %s', (now, phrase, due) => {
    expect(dueOf(phrase, new Date(now))).toBe(due);
  });
});

describe('parseTimescale: relative phrases around month ends', () => {
  it.each([
    ['2027-01-31T12:00:00Z', 'in 1 month', '2027-02-28'],
    ['2028-01-31T12:00:00Z', 'in 1 month', '2028-02-29'],
    ['2027-01-31T12:00:00Z', 'in 13 months', '2028-02-29'],
    ['2027-01-31T12:00:00Z', 'end of next month', '2027-02-28'],
    ['2028-02-29T12:00:00Z', 'in 1 year', '2029-02-28'],
    ['2027-05-31T12:00:00+01:00', 'in 1 month', '2027-06-30'],
    ['2027-05-31T12:00:00+01:00', 'tomorrow', '2027-06-01'],
    ['2027-05-31T12:00:00+01:00', 'end of month', '2027-05-31'],
    ['2027-12-31T12:00:00Z', 'in 1 month', '2028-01-31'],
    ['2027-12-31T12:00:00Z', 'end of next month', '2028-01-31'],
    ['2027-12-31T12:00:00Z', 'tomorrow', '2028-01-01'],
  ])('at %s, %j → %s', (now, phrase, due) => {
    expect(dueOf(phrase, new Date(now))).toBe(due);
  });
});

describe('parseTimescale: "today" is the date in the given time zone', () => {
  // 23:30 UTC on 31 May 2027 is already 00:30 on 1 June in London (BST).
  const lateMay = new Date('2027-05-31T23:30:00Z');

  it.each([
    ['today', LONDON, '2027-06-01'],
    ['tomorrow', LONDON, '2027-06-02'],
    ['end of month', LONDON, '2027-06-30'],
    ['in 1 month', LONDON, '2027-07-01'],
    ['today', 'UTC', '2027-05-31'],
    ['end of month', 'UTC', '2027-05-31'],
    ['in 1 month', 'UTC', '2027-06-30'],
  ])('%j in %s → %s', (phrase, zone, due) => {
    expect(dueOf(phrase, lateMay, zone)).toBe(due);
  });

  it.each([
    // Clocks go forward at 01:00 UTC on Sunday 28 March 2027.
    ['2027-03-27T23:30:00Z', 'today', '2027-03-27'],
    ['2027-03-27T23:30:00Z', 'tomorrow', '2027-03-28'],
    ['2027-03-27T23:30:00Z', 'in a week', '2027-04-03'],
    ['2027-03-27T23:30:00Z', 'end of week', '2027-04-02'],
    ['2027-03-28T23:30:00Z', 'today', '2027-03-29'],
    ['2027-03-28T23:30:00Z', 'next Friday', '2027-04-02'],
    // Clocks go back at 01:00 UTC on Sunday 31 October 2027.
    ['2027-10-30T23:30:00Z', 'today', '2027-10-31'],
    ['2027-10-30T23:30:00Z', 'end of month', '2027-10-31'],
    ['2027-10-30T23:30:00Z', 'tomorrow', '2027-11-01'],
    ['2027-10-30T23:30:00Z', 'in 1 month', '2027-11-30'],
    ['2027-10-31T23:30:00Z', 'today', '2027-10-31'],
    ['2027-10-31T23:30:00Z', 'end of next month', '2027-11-30'],
  ])('across a DST change, at %s, %j → %s', (now, phrase, due) => {
    expect(dueOf(phrase, new Date(now))).toBe(due);
  });

  it('reads absolute phrases without consulting the clock or the zone', () => {
    expect(dueOf('Autumn 2027', new Date(Number.NaN), 'Not/AZone')).toBe('2027-11-30');
  });
});

describe('parseTimescale: refusals say what is wrong', () => {
  it.each([
    ['', 'No timescale was given.'],
    ['   ', 'No timescale was given.'],
    ['soon', '"soon" is not a timescale I recognise.'],
    [';', '";" is not a timescale I recognise.'],
    ['Autumn', '"Autumn" needs a year, e.g. "Autumn 2027".'],
    ['june', '"june" needs a year, e.g. "june 2027".'],
    ['Q3', '"Q3" needs a year, e.g. "Q3 2027".'],
    ['May-July', '"May-July" needs a year, e.g. "May-July 2027".'],
    ['30 Sep', '"30 Sep" needs a year, e.g. "30 Sep 2027".'],
    ['by Autumn', '"by Autumn" needs a year, e.g. "by Autumn 2027".'],
    ['end of Autumn', '"end of Autumn" needs a year, e.g. "end of Autumn 2027".'],
    ['Fall 2027', '"Fall 2027" is not recognised: seasons are written in British English, e.g. "Autumn 2027".'],
    ['fall', '"fall" is not recognised: seasons are written in British English, e.g. "Autumn 2027".'],
    ['Q5 2027', '"Q5 2027" is not a quarter: quarters run from Q1 to Q4.'],
    ['Q0 2027', '"Q0 2027" is not a quarter: quarters run from Q1 to Q4.'],
    ['2027/30', '"2027/30" is not a financial year: the year after 2027 is 2028, as in "2027/28".'],
    ['2027/2029', '"2027/2029" is not a financial year: the year after 2027 is 2028, as in "2027/2028".'],
    ['2027-27', '"2027-27" is not a financial year: the year after 2027 is 2028, as in "2027/28".'],
    ['13/13/2027', '"13/13/2027" is not a date: there is no month 13 (dates are written day/month/year).'],
    ['09/30/2027', '"09/30/2027" is not a date: there is no month 30 (dates are written day/month/year).'],
    ['31/06/2027', '"31/06/2027" is not a date: June 2027 has 30 days.'],
    ['29 Feb 2027', '"29 Feb 2027" is not a date: February 2027 has 28 days.'],
    ['29/02/2100', '"29/02/2100" is not a date: February 2100 has 28 days.'],
    ['2027-02-30', '"2027-02-30" is not a date: February 2027 has 28 days.'],
    ['2027-13-01', '"2027-13-01" is not a date: there is no month 13.'],
    ['00/01/2027', '"00/01/2027" is not a date: there is no day 0.'],
    ['Autumn 2250', '"Autumn 2250" has the year 2250, but timescales must fall between 1900 and 2199.'],
    ['1850', '"1850" has the year 1850, but timescales must fall between 1900 and 2199.'],
    ['in 999 years', '"in 999 years" is too far ahead: timescales must end by 2199.'],
    ['July 2028 to May 2027', '"July 2028 to May 2027" ends before it starts.'],
    ['Autumn 2027 / soon', 'In "Autumn 2027 / soon", "soon" is not a timescale I recognise.'],
    ['Summer 2023 / Autumn', 'In "Summer 2023 / Autumn", "Autumn" needs a year, e.g. "Autumn 2027".'],
    ['Ongoing and 31/06/2027', 'In "Ongoing and 31/06/2027", "31/06/2027" is not a date: June 2027 has 30 days.'],
  ])('%j → %j', (phrase, reason) => {
    expect(reasonOf(phrase)).toBe(reason);
  });

  it.each(['', 'soon', 'Autumn', 'Fall 2027', 'Q5 2027', '13/13/2027', '2027/30', 'Autumn 2027 / soon'])(
    'the reason for %j is one sentence on one line and leaves the accepted forms to the caller',
    (phrase) => {
      const reason = reasonOf(phrase);
      expect(reason).toMatch(/\.$/);
      expect(reason).not.toMatch(/\n|\.\s+[A-Z]/);
      expect(reason).not.toContain('next Friday');
    },
  );
});

describe('parseTimescale: the phrase is kept as typed', () => {
  it.each([
    ['  Autumn\u00a02027 ', 'Autumn\u00a02027'],
    ['May\u2013July 2027', 'May\u2013July 2027'],
    ['SUMMER 2023 / ongoing', 'SUMMER 2023 / ongoing'],
    ['\tby   Autumn 2027\n', 'by   Autumn 2027'],
    ['June 2023\n\nJuly 2023', 'June 2023\n\nJuly 2023'],
    ['Summer\u202f2023 / ONGOING', 'Summer\u202f2023 / ONGOING'],
  ])('%j → phrase %j', (typed, phrase) => {
    const result: TimescaleResult = parseTimescale(typed, NOW, LONDON);
    expect(result.ok && result.timescale.phrase).toBe(phrase);
  });
});

describe('ACCEPTED_TIMESCALE_FORMS', () => {
  it.each([...ACCEPTED_TIMESCALE_FORMS])('%j parses', (form) => {
    expect(parseTimescale(form, NOW, LONDON).ok).toBe(true);
  });
});
