import type { Action } from '../domain/actions.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { WorkplanItem } from '../domain/workplan.ts';
import { ImportRefusedError } from '../errors.ts';
import { LocalLeaderships } from './local-leadership.ts';
import { SerialQueue } from './serial-queue.ts';
import { canonicalState, describeContents, isEmptyState } from './state-document.ts';
import { CURRENT_SCHEMA_VERSION, emptyState, type StateDocument } from './state.ts';
import type { Leadership, Store, StoreHealth, StoreTx } from './store.ts';

export type Tables = {
  networks: Map<string, Network>;
  actions: Map<string, Action>;
  workplan: Map<string, WorkplanItem>;
  frameworks: Map<string, Framework>;
  /** Keyed "<kind>\u0000<key>", so one map serves every kind. */
  records: Map<string, unknown>;
};
export type TableName = keyof Tables;
type Row<K extends TableName> = Tables[K] extends Map<string, infer V> ? V : never;

/**
 * Keeps everything in memory, indexed. Transactions are serialised and buffer
 * their writes, which are applied only when the work succeeds: a command that
 * throws half-way leaves no trace. The JSON-file store extends this and
 * persists after each commit.
 */
export class MemoryStore implements Store {
  protected readonly tables: Tables;
  readonly #queue = new SerialQueue();
  readonly #leaderships = new LocalLeaderships();

  constructor(initial: StateDocument = emptyState()) {
    this.tables = tablesOf(initial);
  }

  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      const tx = new BufferedTx(this.tables);
      const result = await work(tx);
      if (tx.hasWrites()) await this.commit(tx.writes());
      return result;
    });
  }

  /** Applies buffered writes; subclasses persist them and must undo on failure. */
  protected async commit(writes: PendingWrites): Promise<void> {
    applyWrites(this.tables, writes);
    return Promise.resolve();
  }

  health(): Promise<StoreHealth> {
    return Promise.resolve({ ok: true, kind: 'memory', detail: `${this.tables.actions.size} actions in memory` });
  }

  /** Gives up leaderships, waits for queued transactions, then lets subclasses tidy up (the file store compacts its journal). */
  async close(): Promise<void> {
    await this.#leaderships.close();
    await this.#queue.run(() => this.onClose());
  }

  protected onClose(): Promise<void> {
    return Promise.resolve();
  }

  exportState(): Promise<StateDocument> {
    return this.#queue.run(() => Promise.resolve(canonicalState(this.toDocument())));
  }

  importState(doc: StateDocument, options: { replace: boolean }): Promise<void> {
    return this.#queue.run(async () => {
      const current = this.toDocument();
      if (!options.replace && !isEmptyState(current)) {
        throw new ImportRefusedError(`The store already holds ${describeContents(current)}. Import into an empty store, or pass --replace to remove what it holds first.`);
      }
      const incoming = tablesOf(doc);
      const writes = emptyWrites();
      for (const name of Object.keys(writes) as TableName[]) {
        const target = writes[name] as Map<string, unknown>;
        for (const key of this.tables[name].keys()) target.set(key, DELETED);
        for (const [key, value] of incoming[name]) target.set(key, value);
      }
      await this.commit(writes);
    });
  }

  tryLeadership(name: string): Promise<Leadership | undefined> {
    return Promise.resolve(this.#leaderships.try(name));
  }

  awaitLeadership(name: string, signal?: AbortSignal): Promise<Leadership | undefined> {
    return this.#leaderships.wait(name, signal);
  }

  /** The whole state as the data file holds it. */
  protected toDocument(): StateDocument {
    return {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      networks: [...this.tables.networks.values()],
      actions: [...this.tables.actions.values()],
      workplan: [...this.tables.workplan.values()],
      frameworks: [...this.tables.frameworks.values()],
      records: recordsDocument(this.tables.records),
    };
  }
}

export type PendingWrites = { [K in TableName]: Map<string, Row<K>> };

function emptyWrites(): PendingWrites {
  return { networks: new Map(), actions: new Map(), workplan: new Map(), frameworks: new Map(), records: new Map() };
}

function tablesOf(doc: StateDocument): Tables {
  return {
    networks: new Map(doc.networks.map((n) => [n.code, n])),
    actions: new Map(doc.actions.map((a) => [a.id, a])),
    workplan: new Map(doc.workplan.map((w) => [w.id, w])),
    frameworks: new Map(doc.frameworks.map((f) => [f.code, f])),
    records: new Map(Object.entries(doc.records).flatMap(([kind, byKey]) => Object.entries(byKey).map(([key, value]) => [recordKey(kind, key), value]))),
  };
}

/** Marks a record deleted inside a transaction's buffer. */
export const DELETED = Symbol('deleted');
const SEPARATOR = '\u0000';

/** Splits a records-table key back into its kind and key. */
export function splitRecordKey(compound: string): [kind: string, key: string] {
  const at = compound.indexOf(SEPARATOR);
  return [compound.slice(0, at), compound.slice(at + 1)];
}

function recordKey(kind: string, key: string): string {
  return `${kind}${SEPARATOR}${key}`;
}

function recordsDocument(records: Map<string, unknown>): Record<string, Record<string, unknown>> {
  const doc: Record<string, Record<string, unknown>> = {};
  for (const [compound, value] of records) {
    const [kind, key] = splitRecordKey(compound);
    (doc[kind] ??= {})[key] = value;
  }
  return doc;
}

/** Applies writes and returns a function that puts the previous rows back. */
export function applyWrites(tables: Tables, writes: PendingWrites): () => void {
  const undo: (() => void)[] = [];
  for (const name of Object.keys(writes) as TableName[]) {
    const table = tables[name] as Map<string, unknown>;
    for (const [key, value] of writes[name]) {
      const had = table.has(key);
      const before = table.get(key);
      if (value === DELETED) table.delete(key);
      else table.set(key, value);
      undo.push(() => (had ? table.set(key, before) : table.delete(key)));
    }
  }
  return () => undo.reverse().forEach((u) => u());
}

class BufferedTx implements StoreTx {
  readonly #tables: Tables;
  readonly #writes: PendingWrites = emptyWrites();

  constructor(tables: Tables) {
    this.#tables = tables;
  }

  hasWrites(): boolean {
    return Object.values(this.#writes).some((m) => m.size > 0);
  }

  writes(): PendingWrites {
    return this.#writes;
  }

  #get<K extends TableName>(name: K, key: string): Row<K> | undefined {
    return (this.#writes[name].get(key) ?? this.#tables[name].get(key)) as Row<K> | undefined;
  }

  #all<K extends TableName>(name: K): Row<K>[] {
    if (this.#writes[name].size === 0) return [...(this.#tables[name] as Map<string, Row<K>>).values()];
    const merged = new Map<string, Row<K>>(this.#tables[name] as Map<string, Row<K>>);
    for (const [key, value] of this.#writes[name]) merged.set(key, value);
    return [...merged.values()];
  }

  #put<K extends TableName>(name: K, key: string, value: Row<K>): Promise<void> {
    (this.#writes[name] as Map<string, Row<K>>).set(key, value);
    return Promise.resolve();
  }

  network(code: string): Promise<Network | undefined> {
    return Promise.resolve(this.#get('networks', code.toUpperCase()));
  }

  networkByChannel(channel: string): Promise<Network | undefined> {
    return Promise.resolve(this.#all('networks').find((n) => n.channels.includes(channel)));
  }

  networks(): Promise<Network[]> {
    return Promise.resolve(this.#all('networks'));
  }

  saveNetwork(network: Network): Promise<void> {
    return this.#put('networks', network.code, network);
  }

  action(id: string): Promise<Action | undefined> {
    return Promise.resolve(this.#get('actions', id));
  }

  actionsOfNetwork(networkCode: string): Promise<Action[]> {
    return Promise.resolve(this.#all('actions').filter((a) => a.network === networkCode));
  }

  actionsOwnedBy(userId: string): Promise<Action[]> {
    return Promise.resolve(this.#all('actions').filter((a) => a.owner === userId));
  }

  saveAction(action: Action): Promise<void> {
    return this.#put('actions', action.id, action);
  }

  workplanOfNetwork(networkCode: string): Promise<WorkplanItem[]> {
    return Promise.resolve(this.#all('workplan').filter((w) => w.network === networkCode));
  }

  saveWorkplanItem(item: WorkplanItem): Promise<void> {
    return this.#put('workplan', item.id, item);
  }

  importedFrameworks(): Promise<Framework[]> {
    return Promise.resolve(this.#all('frameworks'));
  }

  saveFramework(framework: Framework): Promise<void> {
    return this.#put('frameworks', framework.code, framework);
  }

  record(kind: string, key: string): Promise<unknown> {
    const value = this.#get('records', recordKey(kind, key));
    return Promise.resolve(value === DELETED ? undefined : value);
  }

  records(kind: string): Promise<{ key: string; value: unknown }[]> {
    const prefix = recordKey(kind, '');
    const merged = new Map([...this.#tables.records].filter(([k]) => k.startsWith(prefix)));
    for (const [k, v] of this.#writes.records) if (k.startsWith(prefix)) merged.set(k, v);
    return Promise.resolve([...merged].filter(([, v]) => v !== DELETED).map(([k, value]) => ({ key: k.slice(prefix.length), value })));
  }

  saveRecord(kind: string, key: string, value: unknown): Promise<void> {
    return this.#put('records', recordKey(kind, key), value);
  }

  deleteRecord(kind: string, key: string): Promise<void> {
    return this.#put('records', recordKey(kind, key), DELETED);
  }

  async claimRecord(kind: string, key: string, value: unknown): Promise<boolean> {
    if ((await this.record(kind, key)) !== undefined) return false;
    await this.saveRecord(kind, key, value);
    return true;
  }
}
