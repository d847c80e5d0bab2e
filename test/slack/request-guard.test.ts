import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.ts';
import { DuplicateRequestError, readOnlyStore, REMEMBER_REQUESTS_MS, RequestGuard, SEEN_REQUESTS } from '../../src/slack/request-guard.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';

const NOW = new Date('2027-05-27T09:00:00Z');

describe('RequestGuard', () => {
  it('lets the first delivery write and refuses the second before it writes anything', async () => {
    const store = new MemoryStore();
    const first = new RequestGuard(store, 'command:T1', NOW);
    await first.store.transaction((tx) => tx.saveRecord('note', 'a', 1));
    const second = new RequestGuard(store, 'command:T1', NOW);
    await expect(second.store.transaction((tx) => tx.saveRecord('note', 'b', 2))).rejects.toBeInstanceOf(DuplicateRequestError);
    expect(second.duplicate).toBe(true);
    expect(await store.transaction((tx) => tx.record('note', 'b'))).toBeUndefined();
  });

  it('does not count a delivery whose work failed, so a retry can still do it', async () => {
    const store = new MemoryStore();
    const failing = new RequestGuard(store, 'view:V1', NOW);
    await expect(failing.store.transaction(async (tx) => {
      await tx.saveRecord('note', 'a', 1);
      throw new UserError('conflict', 'half-way');
    })).rejects.toThrow('half-way');
    const retry = new RequestGuard(store, 'view:V1', NOW);
    await retry.store.transaction((tx) => tx.saveRecord('note', 'a', 1));
    expect(retry.duplicate).toBe(false);
  });

  it('writes nothing for a request that only reads', async () => {
    const store = new MemoryStore();
    const guard = new RequestGuard(store, 'command:T2', NOW);
    await guard.store.transaction((tx) => tx.networks());
    expect(await store.transaction((tx) => tx.records(SEEN_REQUESTS))).toEqual([]);
  });

  it('claims explicitly, once, for a reply that posts without writing', async () => {
    const store = new MemoryStore();
    expect(await new RequestGuard(store, 'command:T3', NOW).claim()).toBe(true);
    expect(await new RequestGuard(store, 'command:T3', NOW).claim()).toBe(false);
  });

  it('writes more than once within one request without refusing itself', async () => {
    const store = new MemoryStore();
    const guard = new RequestGuard(store, 'command:T4', NOW);
    await guard.store.transaction((tx) => tx.saveRecord('note', 'a', 1));
    await guard.store.transaction((tx) => tx.saveRecord('note', 'b', 2));
    expect(await guard.claim()).toBe(true);
  });

  it('forgets requests older than a day when it records a new one', async () => {
    const store = new MemoryStore();
    await new RequestGuard(store, 'command:OLD', NOW).claim();
    await new RequestGuard(store, 'command:NEW', new Date(NOW.getTime() + REMEMBER_REQUESTS_MS + 1)).claim();
    expect((await store.transaction((tx) => tx.records(SEEN_REQUESTS))).map((r) => r.key)).toEqual(['command:NEW']);
  });
});

describe('readOnlyStore', () => {
  it('refuses every write and allows every read', async () => {
    const store = readOnlyStore(new MemoryStore());
    await expect(store.transaction((tx) => tx.networks())).resolves.toEqual([]);
    await expect(store.transaction((tx) => tx.saveRecord('x', 'y', 1))).rejects.toThrow(/page button can only show the list again/);
  });
});
