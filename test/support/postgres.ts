import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describeDatabase } from '../../src/store/database-url.ts';
import { reasonOf } from '../../src/store/postgres-store.ts';

/**
 * The PostgreSQL the tests use: the machine's own server, as CI has it.
 * Each test file gets a database of its own, created fresh and dropped at
 * the end, so files run side by side and leave nothing behind.
 */
export const ADMIN_URL = process.env.PSW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    // Never skip: a missing server must fail the run, loudly.
    throw new Error(`The PostgreSQL tests need a server at ${describeDatabase(ADMIN_URL)} and none answered (${reasonOf(error)}). Start it (bash .ci/run does: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or set PSW_TEST_DATABASE_URL to one that runs.`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'psw_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}

/** A fresh database for the calling file or describe block: `db.url` is set once beforeAll has run. */
export function useTestDatabase(): { readonly url: string; readonly name: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('the test database is made in beforeAll');
      return database.url;
    },
    get name() {
      if (!database) throw new Error('the test database is made in beforeAll');
      return database.name;
    },
  };
}

/** Runs SQL on a test database from outside the store, as an operator would. */
export async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Empties every table the store keeps data in (not schema_migrations), as a fresh database would be. */
export async function emptyStoreTables(url: string): Promise<void> {
  const tables = await sql<{ name: string }>(url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'");
  await sql(url, `TRUNCATE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY`);
}
