import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.ts';

describe('keyed records', () => {
  it('claims a key once only, across transactions', async () => {
    const store = new MemoryStore();
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.transaction((tx) => tx.claimRecord('sent', 'U1|SW-1|reminder|2027-05-27', { at: 'x' }))));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('sees its own writes and deletes before commit, and lists by kind', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.saveRecord('a', 'one', 1);
      await tx.saveRecord('b', 'two', 2);
      expect(await tx.record('a', 'one')).toBe(1);
      await tx.deleteRecord('a', 'one');
      expect(await tx.record('a', 'one')).toBeUndefined();
      await tx.saveRecord('a', 'three', 3);
    });
    expect(await store.transaction((tx) => tx.records('a'))).toEqual([{ key: 'three', value: 3 }]);
  });
});
