import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/barrier.ts';
import { ChildProcess, killAll } from '../support/child.ts';
import { sql, useTestDatabase } from '../support/postgres.ts';

const LEADER = path.join(import.meta.dirname, 'workers/leader.ts');

/**
 * The leadership primitive the scheduler will stand on: three replica
 * processes contend for "scheduler"; one holds it; when the holder is
 * killed (SIGKILL: no chance to clean up), exactly one other takes over.
 */
describe('leadership across three replica processes', () => {
  const db = useTestDatabase();
  let replicas: ChildProcess[] = [];
  afterEach(async () => {
    await killAll(replicas);
    replicas = [];
  });

  const locks = async (): Promise<{ granted: number; waiting: number }> => {
    const rows = await sql<{ granted: boolean }>(db.url, "SELECT granted FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    return { granted: rows.filter((r) => r.granted).length, waiting: rows.filter((r) => !r.granted).length };
  };

  it('has one leader at a time, and a killed leader is replaced by exactly one other', async () => {
    replicas = ['a', 'b', 'c'].map((name) => new ChildProcess(name, LEADER, [db.url, name]));
    await Promise.all(replicas.map((r) => r.next('ready')));

    for (const r of replicas) r.send({ do: 'try' });
    const tried = await Promise.all(replicas.map((r) => r.next('tried')));
    expect(tried.filter((m) => m.held)).toHaveLength(1);
    const first = replicas[tried.findIndex((m) => m.held)]!;
    const others = replicas.filter((r) => r !== first);

    for (const r of others) r.send({ do: 'await' });
    await until('two replicas wait for the lock', async () => (await locks()).waiting === 2);
    expect(await locks()).toEqual({ granted: 1, waiting: 2 });

    first.kill('SIGKILL');
    await first.exited;
    const becameLeader = new Map(others.map((r) => [r, r.next('leader')]));
    const second = await Promise.race(others.map((r) => becameLeader.get(r)!.then(() => r)));
    const third = others.find((r) => r !== second)!;
    await until('the server has let go of the killed leader', async () => (await locks()).granted === 1);
    expect(await locks()).toEqual({ granted: 1, waiting: 1 });

    second.send({ do: 'release' });
    await second.next('released');
    await becameLeader.get(third);
    expect(await locks()).toEqual({ granted: 1, waiting: 0 });

    second.send({ do: 'try' });
    expect((await second.next('tried')).held).toBe(false);
    third.kill('SIGKILL');
    await third.exited;
    await until('the second leader can lead again', async () => (await locks()).granted === 0);
    second.send({ do: 'try' });
    expect((await second.next('tried')).held).toBe(true);
    second.send({ do: 'exit' });
    await second.next('closed');
  }, 60_000);
});
