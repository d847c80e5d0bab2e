import { describe, expect, it } from 'vitest';
import { cronSchedule } from '../../src/domain/cron.ts';
import { planRun } from '../../src/scheduling/plan.ts';

const LONDON = 'Europe/London';
const HOUR = 3_600_000;
const iso = (dates: readonly Date[]): string[] => dates.map((d) => d.toISOString());

describe('planRun: what is due at now, given the last slot dealt with', () => {
  const daily = cronSchedule('0 9 * * *');
  const last = new Date('2027-05-26T08:00:00Z');

  it('nothing before the next slot', () => {
    expect(planRun(daily, last, new Date('2027-05-27T07:59:59Z'), HOUR, LONDON)).toEqual({ covered: [], missed: [], missedEarlier: false });
  });

  it('the slot, when on time or within the catch-up window', () => {
    expect(planRun(daily, last, new Date('2027-05-27T08:00:01Z'), 0, LONDON).run?.toISOString()).toBe('2027-05-27T08:00:00.000Z');
    expect(planRun(daily, last, new Date('2027-05-27T09:00:00Z'), HOUR, LONDON).run?.toISOString()).toBe('2027-05-27T08:00:00.000Z');
  });

  it('a slot older than the window is missed, not run', () => {
    const plan = planRun(daily, last, new Date('2027-05-27T09:00:01Z'), HOUR, LONDON);
    expect(plan.run).toBeUndefined();
    expect(iso(plan.missed)).toEqual(['2027-05-27T08:00:00.000Z']);
  });

  it('after days down: older slots missed, the recent one run', () => {
    const plan = planRun(daily, new Date('2027-05-20T08:00:00Z'), new Date('2027-05-27T08:30:00Z'), HOUR, LONDON);
    expect(plan.run?.toISOString()).toBe('2027-05-27T08:00:00.000Z');
    expect(plan.missed).toHaveLength(6);
    expect(plan.missedEarlier).toBe(false);
  });

  it('after weeks down, lists only the last week of misses and says there were earlier ones', () => {
    const plan = planRun(daily, new Date('2027-04-01T08:00:00Z'), new Date('2027-05-27T12:00:00Z'), HOUR, LONDON);
    expect(plan.missed).toHaveLength(7);
    expect(plan.missedEarlier).toBe(true);
    expect(plan.run).toBeUndefined();
  });

  it('several slots within the window: runs the latest, the others are covered by it', () => {
    const plan = planRun(cronSchedule('*/15 * * * *'), new Date('2027-05-27T08:00:00Z'), new Date('2027-05-27T08:50:00Z'), HOUR, LONDON);
    expect(plan.run?.toISOString()).toBe('2027-05-27T08:45:00.000Z');
    expect(iso(plan.covered)).toEqual(['2027-05-27T08:15:00.000Z', '2027-05-27T08:30:00.000Z']);
  });
});
