import { describe, expect, it } from 'vitest';
import { localDateAt, zonedParts } from '../../src/domain/local-date.ts';

describe('zonedParts', () => {
  it('answers each instant and zone correctly when the same instant is asked for repeatedly (it remembers the last)', () => {
    const summer = new Date('2027-07-01T23:30:00Z');
    const winter = new Date('2027-01-01T23:30:00Z');
    expect(localDateAt(summer, 'Europe/London')).toBe('2027-07-02');
    expect(localDateAt(summer, 'Europe/London')).toBe('2027-07-02');
    expect(localDateAt(summer, 'UTC')).toBe('2027-07-01');
    expect(localDateAt(winter, 'Europe/London')).toBe('2027-01-01');
    expect(localDateAt(summer, 'Europe/London')).toBe('2027-07-02');
  });

  it('hands out copies, so a caller changing one cannot change the next answer', () => {
    const instant = new Date('2027-05-27T08:00:00Z');
    const first = zonedParts(instant, 'Europe/London');
    first.hour = 99;
    expect(zonedParts(instant, 'Europe/London').hour).toBe(9);
  });
});
