import type { Action } from '../domain/actions.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { WorkplanItem } from '../domain/workplan.ts';

/**
 * The repository every front end and job goes through. The domain never sees
 * a storage library: adapters (memory, lowdb JSON file, later Postgres)
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
  kind: 'memory' | 'json-file';
  detail: string;
}

export interface Store {
  /**
   * Runs `work` as one unit: it sees a consistent state, its writes land
   * together or not at all (a thrown error discards them), and units never
   * interleave, so no update is lost.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
