import { z } from 'zod';
import { UserError } from '../errors.ts';
import { guardedStore } from '../store/guarded-tx.ts';
import type { Store, StoreTx } from '../store/store.ts';

/** The record kind that remembers Slack requests already acted on. */
export const SEEN_REQUESTS = 'slack-request';
/** Slack retries within minutes and people double-click within seconds; a day is ample. */
export const REMEMBER_REQUESTS_MS = 24 * 60 * 60 * 1000;

const seenSchema = z.object({ at: z.iso.datetime() });

export class DuplicateRequestError extends UserError {
  constructor() {
    super('duplicate-request', 'That request had already reached me and was dealt with, so nothing was done twice.');
  }
}

/**
 * Makes one Slack request count once. Slack retries deliveries
 * (X-Slack-Retry-Num) and Bolt does not deduplicate them, so every request
 * has a key (event_id, the trigger_id of a command or click, the view ID of
 * a submitted modal) and its first write claims that key in the same
 * transaction as the change. A retry finds the key taken: its transaction
 * is refused before anything is written. Requests that only read never
 * write a record; `claim()` covers replies that post without writing (a
 * posted agenda).
 */
export class RequestGuard {
  readonly key: string;
  readonly store: Store;
  readonly #inner: Store;
  readonly #now: Date;
  #state: 'fresh' | 'claimed' | 'duplicate' = 'fresh';

  constructor(inner: Store, key: string, now: Date) {
    this.key = key;
    this.#inner = inner;
    this.#now = now;
    this.store = guardedStore(inner, (tx) => this.#claimIn(tx), (wrote) => {
      if (wrote) this.#state = 'claimed';
    });
  }

  get duplicate(): boolean {
    return this.#state === 'duplicate';
  }

  /** Claims the key unless a write already did. False when another delivery of this request got there first. */
  async claim(): Promise<boolean> {
    if (this.#state === 'fresh') {
      try {
        await this.#inner.transaction((tx) => this.#claimIn(tx));
        this.#state = 'claimed';
      } catch (error) {
        if (!(error instanceof DuplicateRequestError)) throw error;
      }
    }
    return this.#state === 'claimed';
  }

  async #claimIn(tx: StoreTx): Promise<void> {
    if (this.#state === 'claimed') return;
    if (!(await tx.claimRecord(SEEN_REQUESTS, this.key, { at: this.#now.toISOString() }))) {
      this.#state = 'duplicate';
      throw new DuplicateRequestError();
    }
    await forgetOldRequests(tx, this.#now);
  }
}

/** Keeps the ledger to a day's requests: it lives in the data file. */
async function forgetOldRequests(tx: StoreTx, now: Date): Promise<void> {
  const cutoff = now.getTime() - REMEMBER_REQUESTS_MS;
  for (const { key, value } of await tx.records(SEEN_REQUESTS)) {
    const seen = seenSchema.safeParse(value);
    if (!seen.success || Date.parse(seen.data.at) < cutoff) await tx.deleteRecord(SEEN_REQUESTS, key);
  }
}

/** A view of the store that refuses every write: for re-running a command only to show another page of its reply. */
export function readOnlyStore(inner: Store): Store {
  return guardedStore(inner, () => Promise.reject(new UserError('conflict', 'This page button can only show the list again, and showing it would have changed something. Run the command again instead.')));
}
