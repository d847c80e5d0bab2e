import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { startHeartbeat } from '../../src/scheduling/heartbeat.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the node-cron heartbeat', () => {
  it('beats once a minute right through the October repeated hour', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-10-25T00:58:30Z'));
    const beats: Date[] = [];
    const heartbeat = startHeartbeat((now) => {
      beats.push(now);
      return Promise.resolve();
    }, silentLogger());
    await vi.advanceTimersByTimeAsync(3 * 60 * 60_000);
    await heartbeat.stop();
    expect(beats).toHaveLength(180);
    const gaps = beats.slice(1).map((b, i) => Math.round((b.getTime() - beats[i]!.getTime()) / 1000));
    expect(new Set(gaps)).toEqual(new Set([60]));
  });

  it('keeps beating when a tick throws', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2027-05-27T08:00:30Z'));
    let beats = 0;
    const heartbeat = startHeartbeat(() => {
      beats++;
      return Promise.reject(new Error('store unavailable'));
    }, silentLogger());
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await heartbeat.stop();
    expect(beats).toBe(5);
  });
});

describe('node-cron 4 on its own in Europe/London (why it only drives the heartbeat)', () => {
  it('skips a 01:30 job on the day the clocks go forward', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-28T12:00:00Z'));
    const task = cron.createTask('30 1 * * *', () => undefined, { timezone: 'Europe/London' });
    expect(task.getNextRuns(2).map((d) => d.toISOString())).toEqual(['2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
    void task.destroy();
  });

  it('falls silent for the repeated hour when the clocks go back, even for a per-minute task', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-10-25T00:58:00Z'));
    const task = cron.createTask('* * * * *', () => undefined, { timezone: 'Europe/London' });
    expect(task.getNextRuns(1).map((d) => d.toISOString())).toEqual(['2026-10-25T01:59:00.000Z']);
    void task.destroy();
  });
});
