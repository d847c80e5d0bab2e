import { describe, expect, it } from 'vitest';
import { latestMeeting, nextMeeting } from '../../src/domain/meetings.ts';
import type { MeetingSchedule } from '../../src/domain/networks.ts';

const tz = 'Europe/London';
const fortnightlyThursday: MeetingSchedule = { intervalWeeks: 2, weekday: 4, hour: 10, minute: 0, anchor: '2027-06-03' };

describe('meeting schedules', () => {
  it.each([
    ['2027-05-27T09:00:00+01:00', '2027-06-03', '2027-06-03T09:00:00.000Z'],
    ['2027-06-03T09:59:00+01:00', '2027-06-03', '2027-06-03T09:00:00.000Z'],
    ['2027-06-03T10:00:00+01:00', '2027-06-17', '2027-06-17T09:00:00.000Z'],
    ['2027-06-10T12:00:00+01:00', '2027-06-17', '2027-06-17T09:00:00.000Z'],
    // Across the October change the meeting stays at 10:00 local: 10:00 GMT is 10:00Z.
    ['2027-10-22T12:00:00+01:00', '2027-11-04', '2027-11-04T10:00:00.000Z'],
    // And across the March change (26 March 2028), 10:00 BST is 09:00Z.
    ['2028-03-20T12:00:00Z', '2028-03-23', '2028-03-23T10:00:00.000Z'],
    ['2028-03-24T12:00:00Z', '2028-04-06', '2028-04-06T09:00:00.000Z'],
  ])('at %s the next meeting is %s', (now, date, startsAt) => {
    const next = nextMeeting(fortnightlyThursday, new Date(now), tz);
    expect(next.date).toBe(date);
    expect(next.startsAt.toISOString()).toBe(startsAt);
  });

  it('starts the cycle at its anchor, never before', () => {
    expect(nextMeeting(fortnightlyThursday, new Date('2027-05-14T12:00:00+01:00'), tz).date).toBe('2027-06-03');
    expect(nextMeeting(fortnightlyThursday, new Date('2027-05-21T12:00:00+01:00'), tz).date).toBe('2027-06-03');
  });

  it('finds the latest meeting, and none before the cycle began', () => {
    expect(latestMeeting(fortnightlyThursday, new Date('2027-06-10T12:00:00+01:00'), tz)?.date).toBe('2027-06-03');
    expect(latestMeeting(fortnightlyThursday, new Date('2027-06-01T12:00:00+01:00'), tz)).toBeUndefined();
  });

  it('handles weekly meetings', () => {
    const weekly: MeetingSchedule = { intervalWeeks: 1, weekday: 2, hour: 14, minute: 30, anchor: '2027-06-01' };
    expect(nextMeeting(weekly, new Date('2027-06-09T12:00:00+01:00'), tz).date).toBe('2027-06-15');
    expect(nextMeeting(weekly, new Date('2027-06-15T14:29:00+01:00'), tz).startsAt.toISOString()).toBe('2027-06-15T13:30:00.000Z');
  });
});
