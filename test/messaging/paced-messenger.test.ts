import { describe, expect, it } from 'vitest';
import { reply, text } from '../../commands/reply.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import { PacedMessenger, type PacingClock } from '../../src/messaging/paced-messenger.ts';

/** A clock that moves only when someone sleeps (or never, to look at concurrent callers). */
function fakeClock(advance = true): PacingClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      if (advance) now += ms;
      return Promise.resolve();
    },
  };
}

const hello = reply(text('hello'));

describe('PacedMessenger', () => {
  it('keeps messages to one channel a second apart', async () => {
    const clock = fakeClock();
    const inner = new MemoryMessenger();
    const paced = new PacedMessenger(inner, 1000, clock);
    await paced.postToChannel('C1', hello);
    await paced.postToChannel('C1', hello);
    await paced.postToChannel('C1', hello);
    expect(clock.sleeps).toEqual([1000, 1000]);
    expect(inner.count).toBe(3);
  });

  it('does not hold back messages to different people', async () => {
    const clock = fakeClock();
    const paced = new PacedMessenger(new MemoryMessenger(), 1000, clock);
    await paced.sendDirect('U1', hello);
    await paced.sendDirect('U2', hello);
    await paced.postToChannel('U1', hello);
    expect(clock.sleeps).toEqual([]);
  });

  it('queues concurrent sends to one channel rather than letting them collide', async () => {
    const clock = fakeClock(false);
    const paced = new PacedMessenger(new MemoryMessenger(), 1000, clock);
    await Promise.all([paced.sendDirect('U1', hello), paced.sendDirect('U1', hello), paced.sendDirect('U1', hello)]);
    expect(clock.sleeps.sort()).toEqual([1000, 2000]);
  });

  it('never waits with pacing off (0), as benchmarks run', async () => {
    const clock = fakeClock();
    const paced = new PacedMessenger(new MemoryMessenger(), 0, clock);
    for (let i = 0; i < 5; i++) await paced.sendDirect('U1', hello);
    expect(clock.sleeps).toEqual([]);
  });

  it('passes failures through untouched', async () => {
    const paced = new PacedMessenger(new MemoryMessenger({ failWith: () => new Error('boom') }), 1000, fakeClock());
    await expect(paced.sendDirect('U1', hello)).rejects.toThrow('boom');
  });
});
