import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { Shutdown } from '../src/shutdown.ts';

describe('Shutdown', () => {
  it('runs its steps once, in order, then exits 0', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    const shutdown = new Shutdown({ log: silentLogger(), exit: (code) => exits.push(code) })
      .add({ name: 'front end', stop: () => { order.push('front end'); return Promise.resolve(); } })
      .add({ name: 'store', stop: () => { order.push('store'); return Promise.resolve(); } });
    const first = shutdown.run('SIGTERM');
    const second = shutdown.run('SIGTERM');
    expect(second).toBe(first);
    await first;
    expect(order).toEqual(['front end', 'store']);
    expect(exits).toEqual([0]);
  });

  it('goes on past a failing step and exits 1', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    await new Shutdown({ log: silentLogger(), exit: (code) => exits.push(code) })
      .add({ name: 'front end', stop: () => Promise.reject(new Error('stuck')) })
      .add({ name: 'store', stop: () => { order.push('store'); return Promise.resolve(); } })
      .run('SIGTERM');
    expect(order).toEqual(['store']);
    expect(exits).toEqual([1]);
  });

  it('starts on SIGTERM', async () => {
    const exited = new Promise<number>((resolve) => {
      const shutdown = new Shutdown({ log: silentLogger(), exit: resolve });
      const stop = shutdown.listen(['SIGTERM']);
      process.emit('SIGTERM');
      stop();
    });
    expect(await exited).toBe(0);
  });
});
