import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkChannel } from '../../src/app/networks.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostgresStore } from '../../src/store/postgres-store.ts';
import { ChildProcess, killAll, type Message } from '../support/child.ts';
import { CO_CHAIR, operation, shippedFrameworks } from '../support/fixtures.ts';
import { sql, useTestDatabase } from '../support/postgres.ts';

const REPLICA = path.join(import.meta.dirname, 'workers/replica.ts');
const PER_REPLICA = 500;

/**
 * Two replicas, each its own Node process with its own connection pool,
 * share one database: the "nothing lost" test. The database starts
 * empty, so the two also race to apply the schema steps at start.
 */
describe('two replicas on one PostgreSQL', () => {
  const db = useTestDatabase();
  let replicas: ChildProcess[] = [];
  afterEach(async () => {
    await killAll(replicas);
    replicas = [];
  });

  const all = (event: string): Promise<Message[]> => Promise.all(replicas.map((r) => r.next(event)));

  it('each add 500 actions and then update all 1,000 at once: 1,000 actions, unique IDs, every history entry', async () => {
    replicas = ['replica-a', 'replica-b'].map((name) => new ChildProcess(name, REPLICA, [db.url, name]));
    await all('ready');

    const setup = await PostgresStore.open({ url: db.url, replica: 'test', log: silentLogger(), migrate: false });
    await setup.transaction(async (tx) => linkChannel(operation(tx, await shippedFrameworks()), 'South West'));
    await setup.close();

    for (const r of replicas) r.send({ do: 'add', count: PER_REPLICA, parallel: 4 });
    const added = await all('added');
    const ids = added.flatMap((m) => m.ids as string[]);
    expect(ids).toHaveLength(2 * PER_REPLICA);
    expect(new Set(ids).size).toBe(2 * PER_REPLICA);

    for (const r of replicas) r.send({ do: 'update', ids: [...ids].sort(), parallel: 4 });
    await all('updated');

    const keys = Array.from({ length: 100 }, (_, i) => `reminders@2027-05-${String((i % 28) + 1).padStart(2, '0')}T08:00:00.000Z#${i}`);
    for (const r of replicas) r.send({ do: 'claim', keys });
    const claimed = await all('claimed');
    const won = claimed.flatMap((m) => m.won as string[]);
    expect(won.sort()).toEqual([...keys].sort());

    for (const r of replicas) r.send({ do: 'exit' });
    const closed = await all('closed');

    const rows = await sql<{ id: string; doc: { history: { kind: string; note?: string; by: string }[] } }>(db.url, 'SELECT id, doc FROM actions');
    expect(rows).toHaveLength(2 * PER_REPLICA);
    expect(rows.map((r) => r.id).sort()).toEqual(Array.from({ length: 2 * PER_REPLICA }, (_, i) => `SW-${i + 1}`).sort());
    for (const row of rows) {
      expect(row.doc.history.map((h) => h.kind)).toEqual(['created', 'updated', 'updated']);
      expect(row.doc.history.slice(1).map((h) => h.note).sort()).toEqual(['replica-a was here', 'replica-b was here']);
      expect(row.doc.history.every((h) => h.by === CO_CHAIR)).toBe(true);
    }
    const [network] = await sql<{ last: number }>(db.url, "SELECT (doc->>'lastActionNumber')::int AS last FROM networks WHERE code = 'SW'");
    expect(network!.last).toBe(2 * PER_REPLICA);
    const [ledger] = await sql<{ n: string }>(db.url, "SELECT count(*) AS n FROM records WHERE kind = 'job-run'");
    expect(Number(ledger!.n)).toBe(keys.length);
    // The replicas really did race (units had to run again), and every unit
    // landed without anyone being asked to try again.
    const stats = closed.map((m) => m.stats as { retries: number; conflicts: number });
    expect(stats.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(0);
    expect(stats.map((s) => s.conflicts)).toEqual([0, 0]);
  }, 120_000);
});
