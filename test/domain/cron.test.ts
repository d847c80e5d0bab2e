import { parse as nodeCronParse } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronSchedule, nextOccurrence, occurrencesBetween, parseCron } from '../../src/domain/cron.ts';
import { addDays, instantAt, zonedParts } from '../../src/domain/local-date.ts';

const LONDON = 'Europe/London';

/** "2026-03-29 02:30 +01:00": the wall clock and offset, to read DST results at a glance. */
function londonLabel(instant: Date): string {
  const p = zonedParts(instant, LONDON);
  const offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - instant.getTime()) / 3_600_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} +0${offset}:00`;
}

function runs(expression: string, fromIso: string, toIso: string): string[] {
  return occurrencesBetween(cronSchedule(expression), new Date(fromIso), new Date(toIso), LONDON).map(londonLabel);
}

describe('parseCron', () => {
  it('reads the five fields, names, ranges, steps and lists', () => {
    const s = cronSchedule('*/15 8-10 * JAN,jul-AUG mon-FRI');
    expect(s.minutes).toEqual([0, 15, 30, 45]);
    expect(s.hours).toEqual([8, 9, 10]);
    expect([...s.months]).toEqual([1, 7, 8]);
    expect([...s.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(s.everyHour).toBe(false);
    expect(cronSchedule('0 * * * *').everyHour).toBe(true);
    expect([...cronSchedule('0 9 * * 7').daysOfWeek]).toEqual([0]);
    expect(cronSchedule('5/20 9 * * *').minutes).toEqual([5, 25, 45]);
  });

  it.each([
    ['0 9 * *', /has 4 fields; a schedule has five/],
    ['0 0 9 * * 1-5', /has 6 fields/],
    ['60 9 * * *', /minute 60 is out of range/],
    ['0 24 * * *', /hour 24 is out of range/],
    ['0 9 * * FUN', /"FUN" is not a day of the week/],
    ['0 9 10-1 * *', /runs backwards/],
    ['0 9 */0 * *', /step .* must be 1 or more/],
    ['0 9 1 * 1', /restricts both the day of the month and the day of the week/],
    ['0 9 ? * *', /"\?" is not a valid day of the month/],
  ])('refuses %j, saying why', (expression, reason) => {
    const parsed = parseCron(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it.each(['0 9 * * 1-5', '30 8 * * 1', '*/15 * * * *', '0 9-17/2 * * MON-FRI', '0 9 1,15 * *', '0 6 * JAN-MAR,OCT *', '30 1 * * *'])(
    'reads %j as node-cron does', (expression) => {
      const ours = cronSchedule(expression);
      const theirs = nodeCronParse(expression);
      expect(ours.minutes).toEqual(theirs.minute);
      expect(ours.hours).toEqual(theirs.hour);
      expect([...ours.daysOfMonth]).toEqual(theirs.dayOfMonth);
      expect([...ours.months]).toEqual(theirs.month);
      expect([...ours.daysOfWeek].sort()).toEqual([...new Set(theirs.dayOfWeek.map((d) => Number(d) % 7))].sort());
    });
});

describe('occurrencesBetween: ordinary days', () => {
  it('names weekday 09:00 runs in local time, after the start and up to the end', () => {
    expect(runs('0 9 * * 1-5', '2027-05-27T08:00:00Z', '2027-06-01T08:00:00Z')).toEqual([
      '2027-05-28 09:00 +01:00', '2027-05-31 09:00 +01:00', '2027-06-01 09:00 +01:00',
    ]);
    expect(runs('0 9 * * 1-5', '2027-05-27T08:00:00Z', '2027-05-27T08:00:00Z')).toEqual([]);
  });

  it('finds the next run, if any', () => {
    expect(londonLabel(nextOccurrence(cronSchedule('30 8 * * 1'), new Date('2027-05-27T08:00:00Z'), LONDON)!)).toBe('2027-05-31 08:30 +01:00');
    expect(nextOccurrence(cronSchedule('0 9 31 2 *'), new Date('2027-05-27T08:00:00Z'), LONDON)).toBeUndefined();
  });
});

/** The four changeovers the issue names, with the Saturday before and the Monday after. */
const CHANGES = [
  { name: 'spring 2026', from: '2026-03-28T00:00:00Z', to: '2026-03-31T00:00:00Z', day: '2026-03-29' },
  { name: 'autumn 2026', from: '2026-10-24T00:00:00Z', to: '2026-10-27T00:00:00Z', day: '2026-10-25' },
  { name: 'spring 2027', from: '2027-03-27T00:00:00Z', to: '2027-03-30T00:00:00Z', day: '2027-03-28' },
  { name: 'autumn 2027', from: '2027-10-30T00:00:00Z', to: '2027-11-02T00:00:00Z', day: '2027-10-31' },
] as const;

describe('occurrencesBetween across the clock changes: none skipped, none doubled', () => {
  it.each(CHANGES)('$name: a 09:00 job runs at 09:00 local time each day', ({ from, to }) => {
    const labels = runs('0 9 * * *', from, to);
    expect(labels.map((l) => l.slice(11, 16))).toEqual(['09:00', '09:00', '09:00']);
    expect(new Set(labels.map((l) => l.slice(0, 10))).size).toBe(3);
  });

  it.each(CHANGES)('$name: a 01:30 job runs once a day, 24 hours after the day before', ({ from, to, day }) => {
    const instants = occurrencesBetween(cronSchedule('30 1 * * *'), new Date(from), new Date(to), LONDON);
    expect(instants).toHaveLength(3);
    const labels = instants.map(londonLabel);
    const onTheDay = labels.find((l) => l.startsWith(day))!;
    if (day.endsWith('-29') || day.endsWith('-28')) {
      // Spring: 01:30 does not exist; it runs at 02:30 BST, which is 01:30 GMT.
      expect(onTheDay).toBe(`${day} 02:30 +01:00`);
    } else {
      // Autumn: 01:30 happens twice; it runs the first time only.
      expect(onTheDay).toBe(`${day} 01:30 +01:00`);
    }
    const gaps = instants.slice(1).map((t, i) => (t.getTime() - instants[i]!.getTime()) / 3_600_000);
    expect(gaps.every((g) => g >= 23 && g <= 25)).toBe(true);
  });

  it.each(CHANGES)('$name: an hourly job runs every real hour (23 runs in spring, 25 in autumn)', ({ day }) => {
    const midnight = instantAt(day, 0, 0, LONDON);
    const nextMidnight = instantAt(addDays(day, 1), 0, 0, LONDON);
    const instants = occurrencesBetween(cronSchedule('0 * * * *'), new Date(midnight.getTime() - 1), new Date(nextMidnight.getTime() - 1), LONDON);
    expect(instants).toHaveLength(day.slice(5, 7) === '03' ? 23 : 25);
    const gaps = instants.slice(1).map((t, i) => t.getTime() - instants[i]!.getTime());
    expect(gaps.every((g) => g === 3_600_000)).toBe(true);
  });

  it('a job at 01:30 and 02:30 runs once at 02:30 BST on the spring day, not twice', () => {
    expect(runs('30 1,2 * * *', '2026-03-29T00:00:00Z', '2026-03-29T03:00:00Z')).toEqual(['2026-03-29 02:30 +01:00']);
  });
});
