import type { Action } from '../domain/actions.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { WorkplanItem } from '../domain/workplan.ts';
import type { Store, StoreHealth, StoreTx } from './store.ts';

/**
 * A transaction that runs a check before its first write: front ends use it
 * to claim a request key in the same transaction as the request's changes
 * (so a retried request changes nothing twice), or to refuse writes outright
 * (re-running a command only to show another page of its reply).
 *
 * Every StoreTx method is listed explicitly, so a new write method added to
 * StoreTx fails to compile here until someone decides how it is guarded.
 */
export class GuardedTx implements StoreTx {
  readonly #inner: StoreTx;
  readonly #beforeWrite: (tx: StoreTx) => Promise<void>;
  #checked = false;

  constructor(inner: StoreTx, beforeWrite: (tx: StoreTx) => Promise<void>) {
    this.#inner = inner;
    this.#beforeWrite = beforeWrite;
  }

  /** Whether the check ran (and passed) in this transaction. */
  get wrote(): boolean {
    return this.#checked;
  }

  async #write<T>(write: () => Promise<T>): Promise<T> {
    if (!this.#checked) {
      await this.#beforeWrite(this.#inner);
      this.#checked = true;
    }
    return write();
  }

  network(code: string): Promise<Network | undefined> { return this.#inner.network(code); }
  networkByChannel(channel: string): Promise<Network | undefined> { return this.#inner.networkByChannel(channel); }
  networks(): Promise<Network[]> { return this.#inner.networks(); }
  saveNetwork(network: Network): Promise<void> { return this.#write(() => this.#inner.saveNetwork(network)); }

  action(id: string): Promise<Action | undefined> { return this.#inner.action(id); }
  actionsOfNetwork(networkCode: string): Promise<Action[]> { return this.#inner.actionsOfNetwork(networkCode); }
  actionsOwnedBy(userId: string): Promise<Action[]> { return this.#inner.actionsOwnedBy(userId); }
  saveAction(action: Action): Promise<void> { return this.#write(() => this.#inner.saveAction(action)); }

  workplanOfNetwork(networkCode: string): Promise<WorkplanItem[]> { return this.#inner.workplanOfNetwork(networkCode); }
  saveWorkplanItem(item: WorkplanItem): Promise<void> { return this.#write(() => this.#inner.saveWorkplanItem(item)); }

  importedFrameworks(): Promise<Framework[]> { return this.#inner.importedFrameworks(); }
  saveFramework(framework: Framework): Promise<void> { return this.#write(() => this.#inner.saveFramework(framework)); }

  record(kind: string, key: string): Promise<unknown> { return this.#inner.record(kind, key); }
  records(kind: string): Promise<{ key: string; value: unknown }[]> { return this.#inner.records(kind); }
  saveRecord(kind: string, key: string, value: unknown): Promise<void> { return this.#write(() => this.#inner.saveRecord(kind, key, value)); }
  deleteRecord(kind: string, key: string): Promise<void> { return this.#write(() => this.#inner.deleteRecord(kind, key)); }
  claimRecord(kind: string, key: string, value: unknown): Promise<boolean> { return this.#write(() => this.#inner.claimRecord(kind, key, value)); }
}

/**
 * A Store whose transactions are GuardedTx. `afterCommit` learns whether the
 * committed transaction wrote anything.
 */
export function guardedStore(inner: Store, beforeWrite: (tx: StoreTx) => Promise<void>, afterCommit: (wrote: boolean) => void = () => undefined): Store {
  return {
    async transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
      let wrote = false;
      const result = await inner.transaction(async (tx) => {
        const guarded = new GuardedTx(tx, beforeWrite);
        const value = await work(guarded);
        wrote = guarded.wrote;
        return value;
      });
      afterCommit(wrote);
      return result;
    },
    health(): Promise<StoreHealth> {
      return inner.health();
    },
    close(): Promise<void> {
      return inner.close();
    },
    exportState: () => inner.exportState(),
    importState: (doc, options) => inner.importState(doc, options),
    tryLeadership: (name) => inner.tryLeadership(name),
    awaitLeadership: (name, signal) => inner.awaitLeadership(name, signal),
  };
}
