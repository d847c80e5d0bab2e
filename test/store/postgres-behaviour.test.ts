import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction, changeAction } from '../../src/app/actions.ts';
import { linkChannel } from '../../src/app/networks.ts';
import type { FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { DatabaseUnavailableError, StoreClosedError, TransactionConflictError, UserError } from '../../src/errors.ts';
import { silentLogger } from '../../src/logger.ts';
import { POSTGRES_DOCUMENT_VERSION, POSTGRES_MIGRATIONS, runMigrations } from '../../src/store/postgres-migrations.ts';
import { PostgresStore } from '../../src/store/postgres-store.ts';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/state.ts';
import { gate, settled, until } from '../support/barrier.ts';
import { MEMBER, operation, shippedFrameworks } from '../support/fixtures.ts';
import { ADMIN_URL, createTestDatabase, emptyStoreTables, sql, useTestDatabase } from '../support/postgres.ts';

const log = silentLogger();

describe('PostgreSQL schema steps', () => {
  it('keep the stored documents at the version state.ts writes', () => {
    expect(POSTGRES_DOCUMENT_VERSION).toBe(CURRENT_SCHEMA_VERSION);
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('apply once, however often they run, and record each step', async () => {
    const db = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: db.url });
    try {
      const first = await runMigrations(pool, log);
      const second = await runMigrations(pool, log);
      expect(first.applied).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(second.applied).toEqual([]);
      expect(second.current).toBe(POSTGRES_MIGRATIONS.length);
      const rows = await sql<{ version: number }>(db.url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    } finally {
      await pool.end();
      await db.drop();
    }
  });

  it('let replicas that start together take turns: each step is applied by exactly one', async () => {
    const db = await createTestDatabase();
    const pools = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: db.url }));
    try {
      const outcomes = await Promise.all(pools.map((pool) => runMigrations(pool, log)));
      expect(outcomes.flatMap((o) => o.applied).sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      expect(outcomes.every((o) => o.current === POSTGRES_MIGRATIONS.length)).toBe(true);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await db.drop();
    }
  });

  it('carry on, with a warning, when a newer release has added a step', async () => {
    const db = await createTestDatabase();
    const pool = new pg.Pool({ connectionString: db.url });
    try {
      await runMigrations(pool, log);
      await pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
      const outcome = await runMigrations(pool, log);
      expect(outcome).toMatchObject({ applied: [], unknown: [999] });
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});

describe('PostgresStore when the database cannot be used', () => {
  it('stops with a message naming the server, never the password', async () => {
    const attempt = PostgresStore.open({ url: 'postgres://psw:hunter2secret@127.0.0.1:1/psw', replica: 'test', log });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const message = await attempt.catch((error: unknown) => (error as Error).message);
    expect(message).toContain('psw@127.0.0.1:1/psw');
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('Check DATABASE_URL');
    expect(message).not.toContain('hunter2secret');
  });

  it('says when the database does not exist', async () => {
    const url = new URL(ADMIN_URL);
    url.pathname = '/psw_no_such_database';
    await expect(PostgresStore.open({ url: url.toString(), replica: 'test', log })).rejects.toThrow(/psw_no_such_database" does not exist/);
  });
});

describe('PostgresStore under contention', () => {
  const db = useTestDatabase();
  let store: PostgresStore;
  let frameworks: FrameworkCatalogue;

  beforeEach(async () => {
    frameworks = await shippedFrameworks();
    store = await PostgresStore.open({ url: db.url, replica: 'test', log });
    await emptyStoreTables(db.url);
    await store.transaction((tx) => linkChannel(operation(tx, frameworks), 'South West'));
    await store.transaction((tx) => addAction(operation(tx, frameworks), { title: 'Contended', owner: MEMBER, priorities: ['CSW2122.1'], timescalePhrase: 'Autumn 2027' }));
  });
  afterEach(async () => {
    await store.close();
  });

  /**
   * Unit A reads SW-1 and waits; unit B updates SW-1 and commits; then A
   * writes its update over the version it read. Returns A's outcome.
   */
  async function raceOnOneAction(on: PostgresStore): Promise<{ a: Promise<unknown>; attemptsOfA: () => number }> {
    const aHasRead = gate();
    const bHasCommitted = gate();
    let attempts = 0;
    const a = on.transaction(async (tx) => {
      attempts++;
      const op = operation(tx, frameworks);
      const before = await tx.action('SW-1');
      aHasRead.open();
      await bHasCommitted.promise;
      expect(before).toBeDefined();
      return changeAction(op, 'SW-1', { note: 'from replica A' });
    });
    await aHasRead.promise;
    await store.transaction((tx) => changeAction(operation(tx, frameworks), 'SW-1', { note: 'from replica B' }));
    bHasCommitted.open();
    await settled(a);
    return { a, attemptsOfA: () => attempts };
  }

  it('runs a unit that lost a race again, so both updates of one action land with their history', async () => {
    const { a, attemptsOfA } = await raceOnOneAction(store);
    await a;
    expect(attemptsOfA()).toBe(2);
    expect(store.stats.retries).toBeGreaterThanOrEqual(1);
    const action = await store.transaction((tx) => tx.action('SW-1'));
    expect(action!.history.map((h) => h.note)).toEqual([undefined, 'from replica B', 'from replica A']);
  });

  it('runs a unit that has lost three times alone: other units wait until it is done', async () => {
    const read = [gate(), gate(), gate()];
    const otherCommitted = [gate(), gate(), gate()];
    const runningAlone = gate();
    const finishAlone = gate();
    let attempts = 0;
    const a = store.transaction(async (tx) => {
      const attempt = ++attempts;
      if (attempt <= 3) {
        await tx.action('SW-1');
        read[attempt - 1]!.open();
        await otherCommitted[attempt - 1]!.promise;
      } else {
        runningAlone.open();
        await finishAlone.promise;
      }
      return changeAction(operation(tx, frameworks), 'SW-1', { note: 'the slow one' });
    });
    for (let k = 0; k < 3; k++) {
      await read[k]!.promise;
      await store.transaction((tx) => changeAction(operation(tx, frameworks), 'SW-1', { note: `quick ${k}` }));
      otherCommitted[k]!.open();
    }
    await runningAlone.promise;
    let otherStarted = false;
    const other = store.transaction((tx) => {
      otherStarted = true;
      return tx.action('SW-1');
    });
    await until('the other unit waits for the lock', async () => (await sql(db.url, "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).length > 0);
    expect(otherStarted).toBe(false);
    finishAlone.open();
    await a;
    expect((await other)?.history.map((h) => h.note)).toEqual([undefined, 'quick 0', 'quick 1', 'quick 2', 'the slow one']);
    expect(attempts).toBe(4);
  });

  it('asks the person to try again, saving nothing, once the unit has lost too often', async () => {
    const impatient = await PostgresStore.open({ url: db.url, replica: 'impatient', log, maxAttempts: 1, migrate: false });
    try {
      const { a } = await raceOnOneAction(impatient);
      const error = await a.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionConflictError);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('conflict');
      expect((error as Error).message).toMatch(/Nothing was saved; please try again/);
      expect(impatient.stats.conflicts).toBe(1);
      const action = await store.transaction((tx) => tx.action('SW-1'));
      expect(action!.history.map((h) => h.note)).toEqual([undefined, 'from replica B']);
    } finally {
      await impatient.close();
    }
  });

  it('does not retry a unit that fails for its own reasons', async () => {
    let attempts = 0;
    await expect(store.transaction(async (tx) => {
      attempts++;
      return changeAction(operation(tx, frameworks), 'SW-404', { note: 'x' });
    })).rejects.toMatchObject({ code: 'not-found' });
    expect(attempts).toBe(1);
  });

  it('refuses a tx used after its unit has ended', async () => {
    let leaked: Parameters<Parameters<PostgresStore['transaction']>[0]>[0] | undefined;
    await store.transaction((tx) => {
      leaked = tx;
      return Promise.resolve();
    });
    await expect(leaked!.action('SW-1')).rejects.toThrow(/has ended/);
  });
});

describe('PostgresStore shutting down', () => {
  const db = useTestDatabase();

  it('waits for units in flight, refuses new ones, then lets go of its connections', async () => {
    const store = await PostgresStore.open({ url: db.url, replica: 'closing', log });
    const held = gate();
    const started = gate();
    const inFlight = store.transaction(async (tx) => {
      await tx.saveRecord('shutdown', 'in-flight', 'saved');
      started.open();
      await held.promise;
    });
    await started.promise;
    const closing = store.close();
    await expect(store.transaction(() => Promise.resolve())).rejects.toBeInstanceOf(StoreClosedError);
    expect((await store.health()).ok).toBe(false);
    // A round trip to the server, so a close that did not wait would have finished.
    await sql(db.url, 'SELECT 1');
    expect(await settled(closing)).toBe(false);
    held.open();
    await inFlight;
    await closing;
    expect(await sql(db.url, "SELECT value FROM records WHERE kind = 'shutdown'")).toEqual([{ value: 'saved' }]);
    const sessions = await sql<{ n: string }>(db.url, "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'psw-bot closing'");
    expect(Number(sessions[0]!.n)).toBe(0);
  });
});

describe('PostgresStore leadership', () => {
  const db = useTestDatabase();
  let stores: PostgresStore[] = [];
  const open = async (replica: string): Promise<PostgresStore> => {
    const store = await PostgresStore.open({ url: db.url, replica, log, migrate: false });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  const advisoryLocks = (): Promise<{ granted: boolean; pid: number }[]> => sql(db.url, "SELECT granted, pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

  it('is held by one replica at a time', async () => {
    const [a, b] = [await open('a'), await open('b')];
    const held = await a.tryLeadership('scheduler');
    expect(held).toBeDefined();
    expect(await b.tryLeadership('scheduler')).toBeUndefined();
    expect(await a.tryLeadership('scheduler')).toBeUndefined();
    await held!.release();
    const taken = await b.tryLeadership('scheduler');
    expect(taken).toBeDefined();
    await taken!.release();
  });

  it('passes to a waiting replica when the holder lets go, and a waiter can stop waiting', async () => {
    const [a, b, c] = [await open('a'), await open('b'), await open('c')];
    const held = (await a.tryLeadership('scheduler'))!;
    const bWaits = b.awaitLeadership('scheduler');
    const stopC = new AbortController();
    const cWaits = c.awaitLeadership('scheduler', stopC.signal);
    await until('both replicas wait for the lock', async () => (await advisoryLocks()).filter((l) => !l.granted).length === 2);
    expect(await settled(bWaits)).toBe(false);
    stopC.abort();
    expect(await cWaits).toBeUndefined();
    await held.release();
    const taken = await bWaits;
    expect(taken?.name).toBe('scheduler');
    expect((await advisoryLocks()).filter((l) => l.granted)).toHaveLength(1);
    await taken!.release();
  });

  it('tells the holder, through its signal, when its connection is cut', async () => {
    const a = await open('a');
    const held = (await a.tryLeadership('scheduler'))!;
    const lost = new Promise<unknown>((resolve) => held.signal.addEventListener('abort', () => resolve(held.signal.reason), { once: true }));
    const [lock] = await advisoryLocks();
    await sql(db.url, 'SELECT pg_terminate_backend($1)', [lock!.pid]);
    expect(String(await lost)).toMatch(/leadership of scheduler was lost/);
    const b = await open('b');
    const taken = await b.awaitLeadership('scheduler');
    expect(taken).toBeDefined();
    await taken!.release();
  });

  it('stops waiting when the store closes', async () => {
    const [a, b] = [await open('a'), await open('b')];
    const held = (await a.tryLeadership('scheduler'))!;
    const bWaits = b.awaitLeadership('scheduler');
    await until('the replica waits for the lock', async () => (await advisoryLocks()).some((l) => !l.granted));
    await b.close();
    expect(await bWaits).toBeUndefined();
    await held.release();
  });
});
