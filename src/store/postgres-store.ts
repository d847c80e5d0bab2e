import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { ClientConfig, PoolClient, QueryResultRow } from 'pg';
import type { Action } from '../domain/actions.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { WorkplanItem } from '../domain/workplan.ts';
import { DatabaseUnavailableError, ImportRefusedError, StoreClosedError, TransactionConflictError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { describeDatabase } from './database-url.ts';
import { runMigrations } from './postgres-migrations.ts';
import { canonicalState, describeContents } from './state-document.ts';
import { CURRENT_SCHEMA_VERSION, type StateDocument } from './state.ts';
import type { Leadership, Store, StoreHealth, StoreTx } from './store.ts';

export interface PostgresStoreOptions {
  /** A postgres:// URL (DATABASE_URL). */
  url: string;
  /** Names this process in logs and in pg_stat_activity. */
  replica: string;
  log: Logger;
  /** Connections for transactions; leaderships use connections of their own. */
  poolSize?: number;
  /** Apply missing schema steps at open (default true). */
  migrate?: boolean;
  /** Tries at one unit that keeps losing races before the person is asked to retry. */
  maxAttempts?: number;
}

export interface PostgresStoreStats {
  commits: number;
  /** Units re-run because they lost a race (serialization failure or deadlock). */
  retries: number;
  /** Units given up after maxAttempts: the person was told to try again. */
  conflicts: number;
}

/** SQLSTATEs after which re-running the whole unit is safe and may succeed. */
const RETRIABLE = new Set(['40001', '40P01']);
/** Tries side by side with other units; after these, a unit runs alone (see below). */
const SHARED_ATTEMPTS = 3;
const DEFAULT_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 2;
const BACKOFF_CAP_MS = 50;
/** The advisory lock every unit holds, shared while it runs side by side, exclusive to run alone. */
const UNITS_LOCK = 'psw-bot/units';
/** Frees the locks of a replica that hangs half-way through a unit. */
const IDLE_IN_TRANSACTION_MS = 60_000;

/**
 * The store for several replicas: PostgreSQL behind the same interface.
 * Each entity is its state.ts document in a jsonb column.
 *
 * Every unit of work is one SERIALIZABLE transaction, so units behave as if
 * they ran one after another, exactly as the in-memory store's queue makes
 * them, but replicas (and commands within one replica) run side by side.
 * A unit that loses a race (SQLSTATE 40001 serialization failure, or 40P01
 * deadlock) is rolled back and run again from the start, after a short
 * random pause. Re-running is safe because units only read and write
 * through the tx (see Store.transaction).
 *
 * Retrying alone is not fair: when many units write one row (a network's
 * action counter), a unit can lose again and again to fresh ones. So every
 * unit holds an advisory lock, in shared mode, from before its transaction
 * starts until it ends. A unit that has lost SHARED_ATTEMPTS times asks for
 * that lock in exclusive mode: new units in every replica queue behind it,
 * those running finish, and it then runs alone, where it cannot lose. Only
 * after `maxAttempts` (a safety net; the test of it sets 1) is the person
 * asked, by TransactionConflictError, to try again.
 *
 * Leadership is a PostgreSQL session advisory lock held on a connection of
 * its own: when the holder's process dies, its connection closes and the
 * server releases the lock, so another replica takes over without a lease
 * to expire.
 */
export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #clientConfig: ClientConfig;
  readonly #where: string;
  readonly #replica: string;
  readonly #log: Logger;
  readonly #maxAttempts: number;
  readonly #unitsLock: string;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #leaderships = new Set<PostgresLeadership>();
  readonly #waiters = new Set<{ cancel: () => Promise<void> }>();
  readonly #stats: PostgresStoreStats = { commits: 0, retries: 0, conflicts: 0 };
  #closing: Promise<void> | undefined;

  private constructor(options: PostgresStoreOptions, clientConfig: ClientConfig, pool: pg.Pool, unitsLock: string) {
    this.#unitsLock = unitsLock;
    this.#clientConfig = clientConfig;
    this.#pool = pool;
    this.#where = describeDatabase(options.url);
    this.#replica = options.replica;
    this.#log = options.log;
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  }

  /**
   * Connects, checks the database answers and (unless told not to) applies
   * missing schema steps. An unreachable or refusing database gives a
   * DatabaseUnavailableError naming the server, never the password.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const log = options.log.child({ component: 'store', database: describeDatabase(options.url) });
    const clientConfig: ClientConfig = {
      connectionString: options.url,
      application_name: `psw-bot ${options.replica}`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    };
    const pool = new pg.Pool({ ...clientConfig, max: options.poolSize ?? 10, idleTimeoutMillis: 30_000, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS });
    pool.on('error', (error) => log.warn({ reason: reasonOf(error) }, 'an idle database connection failed; the pool will open another'));
    let unitsLock: string;
    try {
      if (options.migrate ?? true) {
        const outcome = await runMigrations(pool, log);
        log.info({ schema: outcome.current, applied: outcome.applied }, 'database schema ready');
      }
      unitsLock = await lockKey(pool, UNITS_LOCK);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw unavailableOr(error, options.url);
    }
    return new PostgresStore({ ...options, log }, clientConfig, pool, unitsLock);
  }

  get stats(): Readonly<PostgresStoreStats> {
    return { ...this.#stats };
  }

  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#track(() => this.#withRetries(work));
  }

  /** Runs database work unless the store is closing, so close() can wait for it. */
  #track<T>(start: () => Promise<T>): Promise<T> {
    if (this.#closing) return Promise.reject(new StoreClosedError());
    const run = start();
    this.#inFlight.add(run);
    const forget = (): void => {
      this.#inFlight.delete(run);
    };
    run.then(forget, forget);
    return run;
  }

  async #withRetries<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(work, attempt > SHARED_ATTEMPTS);
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        if (attempt >= this.#maxAttempts) {
          this.#stats.conflicts++;
          this.#log.warn({ attempts: attempt, sqlState: error.sqlState }, 'gave up on a unit that kept losing races; the person is asked to try again');
          throw new TransactionConflictError();
        }
        this.#stats.retries++;
        this.#log.debug({ attempt, sqlState: error.sqlState }, 'unit lost a race; running it again');
        // A random pause, growing with each try, so racers stop meeting.
        await delay(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
      }
    }
  }

  async #attempt<T>(work: (tx: StoreTx) => Promise<T>, alone: boolean): Promise<T> {
    const client = await this.#pool.connect();
    const mode = alone ? '' : '_shared';
    const tx = new PostgresTx(client);
    let locked = false;
    let reusable = true;
    try {
      // The lock first, in a statement of its own, so the transaction's
      // snapshot is taken once the lock is granted, not before a wait for it.
      await client.query(`SELECT pg_advisory_lock${mode}(${this.#unitsLock})`);
      locked = true;
      // SERIALIZABLE locks a whole table for a unit that reads it by a
      // sequential scan, and the planner picks one for small tables: every
      // query here has an index to use instead.
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL enable_seqscan = off');
      const result = await work(tx);
      await tx.commitAnd(`SELECT pg_advisory_unlock${mode}(${this.#unitsLock})`);
      locked = false;
      this.#stats.commits++;
      return result;
    } catch (error) {
      tx.end();
      await client.query('ROLLBACK').catch(() => {
        reusable = false;
      });
      const sqlState = tx.retriableState ?? retriableState(error);
      throw sqlState ? new LostRace(sqlState, error) : error;
    } finally {
      tx.end();
      // A connection must never go back to the pool holding the lock; closing it releases the lock.
      if (locked && reusable) {
        await client.query(`SELECT pg_advisory_unlock${mode}(${this.#unitsLock})`).catch(() => {
          reusable = false;
        });
      }
      client.release(!reusable);
    }
  }

  async health(): Promise<StoreHealth> {
    if (this.#closing) return { ok: false, kind: 'postgres', detail: `shutting down (replica ${this.#replica})` };
    try {
      await this.#pool.query('SELECT 1');
      const pool = this.#pool;
      return { ok: true, kind: 'postgres', detail: `PostgreSQL at ${this.#where} answered; ${pool.totalCount} connections open (${pool.idleCount} idle, ${pool.waitingCount} waiting); replica ${this.#replica}` };
    } catch (error) {
      return { ok: false, kind: 'postgres', detail: `PostgreSQL at ${this.#where} did not answer: ${reasonOf(error)}` };
    }
  }

  /**
   * Turns new work away, lets in-flight units finish, stops waiting for
   * leaderships, releases those held and closes every connection.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#waiters].map((w) => w.cancel()));
      await Promise.allSettled([...this.#inFlight]);
      await Promise.allSettled([...this.#leaderships].map((l) => l.release()));
      await this.#pool.end();
      this.#log.info({ ...this.#stats }, 'store closed');
    })();
    return this.#closing;
  }

  exportState(): Promise<StateDocument> {
    return this.#track(() => this.#export());
  }

  async #export(): Promise<StateDocument> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const docs = async <R>(table: string): Promise<R[]> => (await client.query<{ doc: R }>(`SELECT doc FROM ${table} ORDER BY seq`)).rows.map((r) => r.doc);
      const networks = await docs<Network>('networks');
      const actions = await docs<Action>('actions');
      const workplan = await docs<WorkplanItem>('workplan');
      const frameworks = await docs<Framework>('frameworks');
      const recordRows = (await client.query<{ kind: string; key: string; value: unknown }>('SELECT kind, key, value FROM records ORDER BY seq')).rows;
      await client.query('COMMIT');
      const records: StateDocument['records'] = {};
      for (const row of recordRows) (records[row.kind] ??= {})[row.key] = row.value;
      return canonicalState({ schemaVersion: CURRENT_SCHEMA_VERSION, networks, actions, workplan, frameworks, records });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  importState(doc: StateDocument, options: { replace: boolean }): Promise<void> {
    return this.#track(() => this.#import(doc, options));
  }

  async #import(doc: StateDocument, options: { replace: boolean }): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      // Writers wait until the import is done; readers carry on with the old data.
      await client.query('LOCK TABLE networks, network_channels, actions, workplan, frameworks, records IN EXCLUSIVE MODE');
      const counts = (await client.query<Record<string, string>>(`SELECT
        (SELECT count(*) FROM networks) AS networks, (SELECT count(*) FROM actions) AS actions,
        (SELECT count(*) FROM workplan) AS workplan, (SELECT count(*) FROM frameworks) AS frameworks,
        (SELECT count(*) FROM records) AS records`)).rows[0] ?? {};
      const held = Object.values(counts).reduce((n, c) => n + Number(c), 0);
      if (held > 0 && !options.replace) {
        throw new ImportRefusedError(`The database already holds ${counts.networks} networks, ${counts.actions} actions, ${counts.workplan} workplan items, ${counts.frameworks} imported frameworks and ${counts.records} records. Import into an empty database, or pass --replace to remove what it holds first.`);
      }
      if (held > 0) await client.query('TRUNCATE networks, network_channels, actions, workplan, frameworks, records RESTART IDENTITY');
      const insert = (sql: string, rows: unknown[]): Promise<unknown> => client.query(`${sql} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`, [JSON.stringify(rows)]);
      await insert('INSERT INTO networks (code, doc) SELECT e->>\'code\', e', doc.networks);
      await insert('INSERT INTO network_channels (channel, network) SELECT e->>\'channel\', e->>\'network\'', doc.networks.flatMap((n) => n.channels.map((channel) => ({ channel, network: n.code }))));
      await insert('INSERT INTO actions (id, network, owner, doc) SELECT e->>\'id\', e->>\'network\', e->>\'owner\', e', doc.actions);
      await insert('INSERT INTO workplan (id, network, doc) SELECT e->>\'id\', e->>\'network\', e', doc.workplan);
      await insert('INSERT INTO frameworks (code, doc) SELECT e->>\'code\', e', doc.frameworks);
      const records = Object.entries(doc.records).flatMap(([kind, byKey]) => Object.entries(byKey).map(([key, value]) => ({ kind, key, value })));
      await insert('INSERT INTO records (kind, key, value) SELECT e->>\'kind\', e->>\'key\', e->\'value\'', records);
      await client.query('COMMIT');
      this.#log.info({ contents: describeContents(doc), replaced: held > 0 }, 'imported a state document');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async tryLeadership(name: string): Promise<Leadership | undefined> {
    if (this.#closing) return undefined;
    const client = await this.#connectOwn();
    try {
      const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS held', [leaderLockName(name)]);
      if (rows[0]?.held !== true) {
        await client.end();
        return undefined;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return this.#hold(name, client);
  }

  async awaitLeadership(name: string, signal?: AbortSignal): Promise<Leadership | undefined> {
    if (this.#closing || signal?.aborted) return undefined;
    const client = await this.#connectOwn();
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    // Ending the waiting session from another connection is the one way to
    // stop a lock wait that is sure to work whether or not it has begun.
    const waiter = {
      cancel: async (): Promise<void> => {
        await this.#pool.query('SELECT pg_terminate_backend($1)', [pid]);
      },
    };
    const onAbort = (): void => void waiter.cancel().catch(() => undefined);
    this.#waiters.add(waiter);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) throw new Error('aborted');
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [leaderLockName(name)]);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (signal?.aborted || this.#closing) return undefined;
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.#waiters.delete(waiter);
    }
    if (signal?.aborted || this.#closing) {
      await client.end().catch(() => undefined);
      return undefined;
    }
    return this.#hold(name, client);
  }

  async #connectOwn(): Promise<pg.Client> {
    const client = new pg.Client(this.#clientConfig);
    // Until a leadership watches it, a failure here surfaces through the query that hits it.
    client.on('error', (error) => this.#log.debug({ reason: reasonOf(error) }, 'leadership connection failed'));
    await client.connect();
    return client;
  }

  #hold(name: string, client: pg.Client): Leadership {
    const leadership = new PostgresLeadership(name, client, this.#log.child({ leadership: name }), () => {
      this.#leaderships.delete(leadership);
    });
    this.#leaderships.add(leadership);
    this.#log.info({ leadership: name }, 'became leader');
    return leadership;
  }
}

class PostgresLeadership implements Leadership {
  readonly name: string;
  readonly #client: pg.Client;
  readonly #controller = new AbortController();
  readonly #log: Logger;
  readonly #onEnd: () => void;

  constructor(name: string, client: pg.Client, log: Logger, onEnd: () => void) {
    this.name = name;
    this.#client = client;
    this.#log = log;
    this.#onEnd = onEnd;
    client.on('error', (error) => this.#lose(reasonOf(error)));
    client.on('end', () => this.#lose('the connection to the database closed'));
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  async release(): Promise<void> {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort(new Error(`leadership of ${this.name} was released`));
    this.#onEnd();
    try {
      await this.#client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [leaderLockName(this.name)]);
    } finally {
      // Closing the session releases the lock even if unlocking failed.
      await this.#client.end().catch(() => undefined);
    }
  }

  #lose(reason: string): void {
    if (this.#controller.signal.aborted) return;
    this.#log.warn({ reason }, 'lost leadership');
    this.#controller.abort(new Error(`leadership of ${this.name} was lost: ${reason}`));
    this.#onEnd();
  }
}

/** The bigint PostgreSQL derives from a lock name, as SQL text to put in a statement. */
async function lockKey(pool: pg.Pool, name: string): Promise<string> {
  const key = (await pool.query<{ key: string }>('SELECT hashtextextended($1, 0)::text AS key', [name])).rows[0]?.key ?? '';
  if (!/^-?\d+$/.test(key)) throw new Error(`unexpected advisory lock key for ${name}: ${key}`);
  return `${key}::bigint`;
}

function leaderLockName(name: string): string {
  return `psw-bot/leader/${name}`;
}

/** A unit that lost a race: the caller runs it again. */
class LostRace extends Error {
  readonly sqlState: string;

  constructor(sqlState: string, cause: unknown) {
    super(`lost a race (${sqlState})`, { cause });
    this.sqlState = sqlState;
  }
}

function retriableState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRIABLE.has(code) ? code : undefined;
}

/**
 * A DatabaseUnavailableError when `error` means the database cannot be used
 * at all (no connection, refused login, no such database, server starting
 * or shutting down, out of connections), otherwise `error` itself: a fault
 * in a statement is a bug to show in full, not a setting to check.
 */
export function unavailableOr(error: unknown, url: string): Error {
  const code = error instanceof pg.DatabaseError ? error.code ?? '' : undefined;
  if (code !== undefined && !/^(08|28|3D|53|57P0[1-3])/.test(code)) return error as Error;
  return new DatabaseUnavailableError(`Cannot use the PostgreSQL database ${describeDatabase(url)}: ${reasonOf(error)}. Check DATABASE_URL, and that the server is running and lets this user connect.`);
}

/** What went wrong, in words fit for a log or a start-up message (no credentials). */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return [...new Set(error.errors.map(reasonOf))].join('; ');
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && !error.message.includes(code)) return error.message ? `${error.message} (${code})` : code;
    return error.message || error.name;
  }
  return String(error);
}

class PostgresTx implements StoreTx {
  readonly #client: PoolClient;
  #open = true;
  /** Set when any statement lost a race, even if the unit caught and replaced the error. */
  retriableState: string | undefined;

  constructor(client: PoolClient) {
    this.#client = client;
  }

  /** Commits and, in the same round trip, runs `after` outside the transaction (if the commit fails, `after` does not run). */
  async commitAnd(after: string): Promise<void> {
    await this.#query(`COMMIT; ${after}`);
    this.end();
  }

  end(): void {
    this.#open = false;
  }

  async #query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    if (!this.#open) throw new Error('This unit of work has ended; use the tx of the unit that is running.');
    try {
      return (await this.#client.query<R>(text, values)).rows;
    } catch (error) {
      this.retriableState ??= retriableState(error);
      throw error;
    }
  }

  async #doc<R>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await this.#query<{ doc: R }>(text, values))[0]?.doc;
  }

  async #docs<R>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.#query<{ doc: R }>(text, values)).map((r) => r.doc);
  }

  network(code: string): Promise<Network | undefined> {
    return this.#doc('SELECT doc FROM networks WHERE code = $1', [code.toUpperCase()]);
  }

  networkByChannel(channel: string): Promise<Network | undefined> {
    return this.#doc('SELECT n.doc FROM network_channels c JOIN networks n ON n.code = c.network WHERE c.channel = $1', [channel]);
  }

  networks(): Promise<Network[]> {
    return this.#docs('SELECT doc FROM networks ORDER BY seq');
  }

  async saveNetwork(network: Network): Promise<void> {
    // One round trip: the document, then its channels, touched only where they changed.
    await this.#query(`WITH saved AS (
        INSERT INTO networks (code, doc) VALUES ($1, $2::jsonb) ON CONFLICT (code) DO UPDATE SET doc = EXCLUDED.doc
      ), unlinked AS (
        DELETE FROM network_channels WHERE network = $1 AND NOT channel = ANY ($3::text[])
      )
      INSERT INTO network_channels (channel, network)
        SELECT wanted.channel, $1 FROM unnest($3::text[]) AS wanted (channel)
        WHERE NOT EXISTS (SELECT 1 FROM network_channels c WHERE c.channel = wanted.channel AND c.network = $1)
      ON CONFLICT (channel) DO UPDATE SET network = EXCLUDED.network`, [network.code, JSON.stringify(network), network.channels]);
  }

  action(id: string): Promise<Action | undefined> {
    return this.#doc('SELECT doc FROM actions WHERE id = $1', [id]);
  }

  actionsOfNetwork(networkCode: string): Promise<Action[]> {
    return this.#docs('SELECT doc FROM actions WHERE network = $1 ORDER BY seq', [networkCode]);
  }

  actionsOwnedBy(userId: string): Promise<Action[]> {
    return this.#docs('SELECT doc FROM actions WHERE owner = $1 ORDER BY seq', [userId]);
  }

  async saveAction(action: Action): Promise<void> {
    await this.#query(
      'INSERT INTO actions (id, network, owner, doc) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO UPDATE SET network = EXCLUDED.network, owner = EXCLUDED.owner, doc = EXCLUDED.doc',
      [action.id, action.network, action.owner, JSON.stringify(action)],
    );
  }

  workplanOfNetwork(networkCode: string): Promise<WorkplanItem[]> {
    return this.#docs('SELECT doc FROM workplan WHERE network = $1 ORDER BY seq', [networkCode]);
  }

  async saveWorkplanItem(item: WorkplanItem): Promise<void> {
    await this.#query(
      'INSERT INTO workplan (id, network, doc) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO UPDATE SET network = EXCLUDED.network, doc = EXCLUDED.doc',
      [item.id, item.network, JSON.stringify(item)],
    );
  }

  importedFrameworks(): Promise<Framework[]> {
    return this.#docs('SELECT doc FROM frameworks ORDER BY seq');
  }

  async saveFramework(framework: Framework): Promise<void> {
    await this.#query('INSERT INTO frameworks (code, doc) VALUES ($1, $2::jsonb) ON CONFLICT (code) DO UPDATE SET doc = EXCLUDED.doc', [framework.code, JSON.stringify(framework)]);
  }

  async record(kind: string, key: string): Promise<unknown> {
    return (await this.#query<{ value: unknown }>('SELECT value FROM records WHERE kind = $1 AND key = $2', [kind, key]))[0]?.value;
  }

  records(kind: string): Promise<{ key: string; value: unknown }[]> {
    return this.#query<{ key: string; value: unknown }>('SELECT key, value FROM records WHERE kind = $1 ORDER BY seq', [kind]);
  }

  async saveRecord(kind: string, key: string, value: unknown): Promise<void> {
    await this.#query('INSERT INTO records (kind, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT (kind, key) DO UPDATE SET value = EXCLUDED.value', [kind, key, JSON.stringify(value)]);
  }

  async deleteRecord(kind: string, key: string): Promise<void> {
    await this.#query('DELETE FROM records WHERE kind = $1 AND key = $2', [kind, key]);
  }

  async claimRecord(kind: string, key: string, value: unknown): Promise<boolean> {
    const rows = await this.#query('INSERT INTO records (kind, key, value) VALUES ($1, $2, $3::jsonb) ON CONFLICT (kind, key) DO NOTHING RETURNING 1', [kind, key, JSON.stringify(value)]);
    return rows.length === 1;
  }
}
