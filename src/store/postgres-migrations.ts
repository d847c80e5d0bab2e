import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../logger.ts';

/**
 * The PostgreSQL schema, as numbered steps. Each runs once, in its own
 * transaction, and is recorded in schema_migrations; running them again
 * does nothing. A session advisory lock makes replicas that start together
 * take turns: the first applies what is missing, the others then find
 * nothing to do.
 *
 * Rules for new steps: never edit one that has shipped; add the next number.
 * Replicas of the previous release keep running against the new schema
 * during a rolling deploy, so a step only adds (columns with defaults,
 * tables, indexes); removing something waits for the release after.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The state document version (state.ts CURRENT_SCHEMA_VERSION) that the
 * jsonb columns hold after the last step. When state.ts changes the shape
 * of a network, action or record, add a step here that rewrites the stored
 * documents the same way, and raise this; a test keeps the two equal.
 */
export const POSTGRES_DOCUMENT_VERSION = 1;

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'networks and their channels, actions, workplan, frameworks and records',
    // Each entity is its state.ts document in jsonb, with the columns the
    // store looks rows up by. `seq` keeps the order rows were first saved,
    // which is the order the in-memory store returns them in.
    //
    // Lookups go through btree indexes so that SERIALIZABLE's read locks
    // cover the rows read, not whole tables: a network's channels get a
    // table of their own (a jsonb containment test cannot use a btree), and
    // networks and actions, updated often, have a low fillfactor so an
    // update can stay on its page without touching an index (a HOT update),
    // which keeps units on different rows from looking like conflicts.
    sql: `
      CREATE TABLE networks (
        code text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        doc jsonb NOT NULL
      ) WITH (fillfactor = 50);
      CREATE TABLE network_channels (
        channel text PRIMARY KEY,
        network text NOT NULL
      );
      CREATE INDEX network_channels_by_network ON network_channels (network);
      CREATE TABLE actions (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        network text NOT NULL,
        owner text NOT NULL,
        doc jsonb NOT NULL
      ) WITH (fillfactor = 70);
      CREATE INDEX actions_by_network ON actions (network, seq);
      CREATE INDEX actions_by_owner ON actions (owner, seq);
      CREATE TABLE workplan (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        network text NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX workplan_by_network ON workplan (network, seq);
      CREATE TABLE frameworks (
        code text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        doc jsonb NOT NULL
      );
      CREATE TABLE records (
        kind text NOT NULL,
        key text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        value jsonb NOT NULL,
        PRIMARY KEY (kind, key)
      );
    `,
  },
];

/** The advisory lock key names; hashed to a bigint by PostgreSQL. */
export const MIGRATION_LOCK = 'psw-bot/migrations';

export interface MigrationOutcome {
  applied: number[];
  /** Versions in the database that this release does not know (a newer replica ran them). */
  unknown: number[];
  current: number;
}

export async function runMigrations(pool: Pool, log: Logger, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<MigrationOutcome> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    const outcome = await migrateLocked(client, log, migrations);
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    client.release();
    return outcome;
  } catch (error) {
    // Closing the connection releases the lock whatever state the session is in.
    client.release(true);
    throw error;
  }
}

async function migrateLocked(client: PoolClient, log: Logger, migrations: readonly PostgresMigration[]): Promise<MigrationOutcome> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  const done = new Set(rows.map((r) => r.version));
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...done].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    log.warn({ unknown }, 'the database has schema steps this release does not know; a newer release ran them. Carrying on, as steps only ever add');
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    await client.query('BEGIN');
    try {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    log.info({ version: migration.version, name: migration.name }, 'applied database schema step');
    applied.push(migration.version);
  }
  return { applied, unknown, current: Math.max(0, ...done, ...applied) };
}
