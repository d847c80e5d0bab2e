import type { Action } from '../domain/actions.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { WorkplanItem } from '../domain/workplan.ts';
import type { StateDocument } from './state.ts';

/**
 * The repository every front end and job goes through. The domain never sees
 * a storage library: adapters (memory, lowdb JSON file, PostgreSQL)
 * implement this.
 *
 * Objects returned are values: change them by saving a new object, never by
 * mutating what a read returned.
 */
export interface StoreTx {
  network(code: string): Promise<Network | undefined>;
  networkByChannel(channel: string): Promise<Network | undefined>;
  networks(): Promise<Network[]>;
  saveNetwork(network: Network): Promise<void>;

  action(id: string): Promise<Action | undefined>;
  actionsOfNetwork(networkCode: string): Promise<Action[]>;
  actionsOwnedBy(userId: string): Promise<Action[]>;
  saveAction(action: Action): Promise<void>;

  workplanOfNetwork(networkCode: string): Promise<WorkplanItem[]>;
  saveWorkplanItem(item: WorkplanItem): Promise<void>;

  /** Frameworks co-chairs imported; the shipped ones come from data/frameworks. */
  importedFrameworks(): Promise<Framework[]>;
  saveFramework(framework: Framework): Promise<void>;

  /**
   * Small keyed records that belong to no one entity: keys of messages
   * already sent, job runs, sync state, seen request IDs. `kind` names the
   * collection; values are plain JSON, validated by the module that owns the
   * kind when it reads them.
   */
  record(kind: string, key: string): Promise<unknown>;
  records(kind: string): Promise<{ key: string; value: unknown }[]>;
  saveRecord(kind: string, key: string, value: unknown): Promise<void>;
  deleteRecord(kind: string, key: string): Promise<void>;
  /**
   * Saves the record only if the key is new, and says whether it did: the
   * claim that makes "send at most once" hold across runs and processes.
   */
  claimRecord(kind: string, key: string, value: unknown): Promise<boolean>;
}

export interface StoreHealth {
  ok: boolean;
  kind: 'memory' | 'json-file' | 'postgres';
  detail: string;
}

/**
 * Being the one process, among all replicas, that does something (runs the
 * scheduler, runs one job). Held until released or lost; `signal` aborts at
 * either, with the reason, so work in progress can stop before it acts as a
 * leader it no longer is.
 */
export interface Leadership {
  readonly name: string;
  readonly signal: AbortSignal;
  release(): Promise<void>;
}

export interface Store {
  /**
   * Runs `work` as one unit: it sees a consistent state, its writes land
   * together or not at all (a thrown error discards them), and units behave
   * as if they ran one after another, so no update is lost.
   *
   * `work` may be run more than once: a store shared by several processes
   * re-runs a unit that lost a race with another (and, after a few tries,
   * throws TransactionConflictError, which asks the person to try again). So
   * `work` must only read and write through `tx`; send messages and call
   * other services after the transaction has returned.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  health(): Promise<StoreHealth>;
  /** Refuses new units, waits for those in flight, releases leaderships and connections. */
  close(): Promise<void>;

  /** Everything the store holds, in a canonical order (see state-document.ts). */
  exportState(): Promise<StateDocument>;
  /**
   * Loads a whole (validated) document. Refuses, with ImportRefusedError, a
   * store that already holds anything unless `replace` is set; then the
   * store's previous content is removed in the same unit.
   */
  importState(doc: StateDocument, options: { replace: boolean }): Promise<void>;

  /** Leadership of `name` if no process holds it now, otherwise undefined at once. */
  tryLeadership(name: string): Promise<Leadership | undefined>;
  /**
   * Waits until this process holds leadership of `name` (when the holder
   * releases it, or dies), or resolves undefined once `signal` aborts or
   * the store closes.
   */
  awaitLeadership(name: string, signal?: AbortSignal): Promise<Leadership | undefined>;
}
