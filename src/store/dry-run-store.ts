import type { StateDocument } from './state.ts';
import type { Leadership, Store, StoreHealth, StoreTx } from './store.ts';

/** Thrown to roll a transaction back after it has done its work. */
class Discard extends Error {
  readonly result: unknown;

  constructor(result: unknown) {
    super('dry run: writes discarded');
    this.name = 'Discard';
    this.result = result;
  }
}

/**
 * A view of a store in which nothing is ever saved: each transaction sees
 * the real data and its own writes, and then all its writes are discarded
 * (the Store contract: an error thrown from the work discards its writes).
 * `--dry-run` runs jobs on this, so a dry run claims no ledger keys and
 * changes no data, whatever the job's code does.
 */
export class DryRunStore implements Store {
  readonly #inner: Store;

  constructor(inner: Store) {
    this.#inner = inner;
  }

  async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    try {
      await this.#inner.transaction(async (tx) => {
        throw new Discard(await work(tx));
      });
    } catch (error) {
      if (error instanceof Discard) return error.result as T;
      throw error;
    }
    throw new Error('unreachable: a dry-run transaction always discards');
  }

  health(): Promise<StoreHealth> {
    return this.#inner.health();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  exportState(): Promise<StateDocument> {
    return this.#inner.exportState();
  }

  /** A dry run changes nothing, so it cannot import. */
  importState(): Promise<void> {
    return Promise.reject(new Error('A dry-run store cannot import: it never saves anything.'));
  }

  tryLeadership(name: string): Promise<Leadership | undefined> {
    return this.#inner.tryLeadership(name);
  }

  awaitLeadership(name: string, signal?: AbortSignal): Promise<Leadership | undefined> {
    return this.#inner.awaitLeadership(name, signal);
  }
}
