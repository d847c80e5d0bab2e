import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { JOB_RUN_KIND, jobRunKey } from '../../src/scheduling/job-runs.ts';
import { PostgresStore } from '../../src/store/postgres-store.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { until } from '../support/barrier.ts';
import { ChildProcess, killAll, type Message } from '../support/child.ts';
import { FRAMEWORKS_DIR } from '../support/fixtures.ts';
import { sql, useTestDatabase } from '../support/postgres.ts';
import { DONE_WHEN_NOW, doneWhenState } from '../support/scenario.ts';

const WORKER = path.join(import.meta.dirname, 'workers/scheduler.ts');

/** Who the reminders job messages at DONE_WHEN_NOW: seven people, one message each. */
const REMINDED = ['UANNA', 'UBEN', 'UCAT', 'UCO2', 'UFAY', 'UGUS', 'ULEAD'];

/**
 * The scheduled jobs on replicas sharing one PostgreSQL database, each a
 * separate Node process running the real scheduler (startJobs) and sending
 * through the real Slack messenger to a fake Slack Web API in this process.
 * Their clocks stand at DONE_WHEN_NOW, 09:00 on a weekday, the reminders'
 * slot; the job last ran the day before, so the slot is due at once.
 */
describe('scheduled jobs on several replicas sharing PostgreSQL', () => {
  const db = useTestDatabase();
  let slack: FakeSlackApi;
  let replicas: ChildProcess[] = [];

  beforeEach(async () => {
    slack = await FakeSlackApi.start();
    const store = await PostgresStore.open({ url: db.url, replica: 'test', log: silentLogger(), migrate: true });
    try {
      const state = doneWhenState();
      const yesterday = { slot: '2027-05-26T08:00:00.000Z', outcome: 'completed', at: '2027-05-26T08:01:00.000Z' };
      state.records = { [JOB_RUN_KIND]: { [jobRunKey('reminders', 'SW')]: yesterday, [jobRunKey('reminders', 'NW')]: yesterday } };
      await store.importState(state, { replace: true });
    } finally {
      await store.close();
    }
  });

  afterEach(async () => {
    await killAll(replicas);
    replicas = [];
    await slack.close();
  });

  const start = (names: string[]): ChildProcess[] => {
    replicas = names.map((name) => new ChildProcess(name, WORKER, [db.url, name, DONE_WHEN_NOW, slack.apiUrl, slack.validToken, FRAMEWORKS_DIR]));
    return replicas;
  };

  /**
   * Each replica's next "leader" event, asked for once (each ask takes one
   * event), so the first leader and later its successor come from the same
   * waits. Those left pending fail when their replica exits: ignored.
   */
  const leaderEvents = (among: ChildProcess[]): Map<ChildProcess, Promise<ChildProcess>> => {
    const waits = new Map(among.map((r) => [r, r.next('leader').then(() => r)]));
    for (const w of waits.values()) w.catch(() => undefined);
    return waits;
  };
  const firstOf = (waits: Map<ChildProcess, Promise<ChildProcess>>, among: ChildProcess[]): Promise<ChildProcess> => Promise.race(among.map((r) => waits.get(r)!));

  const channels = (): string[] => slack.callsTo('chat.postMessage').map((c) => String(c.params.channel));

  const waitingForLeadership = async (): Promise<number> => {
    const rows = await sql<{ n: string }>(db.url, "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    return Number(rows[0]?.n);
  };

  const stop = async (replica: ChildProcess): Promise<Message> => {
    replica.send({ do: 'stop' });
    return replica.next('stopped');
  };

  it('runs each reminder once: one replica leads and runs the job, the other two wait', async () => {
    const all = start(['a', 'b', 'c']);
    const leaders = leaderEvents(all);
    await Promise.all(all.map((r) => r.next('ready')));
    const leader = await firstOf(leaders, all);
    const finished = await leader.next('run-finished');
    expect(finished).toMatchObject({ job: 'reminders', sent: 7 });
    expect(channels().sort()).toEqual(REMINDED);
    await until('the other two replicas wait for the leadership', async () => (await waitingForLeadership()) === 2);

    // The waiting ones stop first (otherwise one of them would take over and tick, finding nothing due).
    const others = all.filter((r) => r !== leader);
    for (const stopped of await Promise.all(others.map(stop))) expect(stopped).toMatchObject({ led: 0, runs: 0 });
    expect(await stop(leader)).toMatchObject({ led: 1, runs: 1 });
    expect(channels()).toHaveLength(7);
  }, 60_000);

  it('when the leader is killed mid-run, another replica takes over and finishes the run without sending any reminder twice', async () => {
    // The fourth reminder reaches Slack but is not answered: the leader is killed while sending it.
    slack.holdAfter('chat.postMessage', 3);
    const all = start(['a', 'b', 'c']);
    const leaders = leaderEvents(all);
    await Promise.all(all.map((r) => r.next('ready')));
    const first = await firstOf(leaders, all);
    await slack.waitForCalls('chat.postMessage', 4);
    first.kill('SIGKILL');
    await first.exited;
    slack.release();

    const others = all.filter((r) => r !== first);
    const second = await firstOf(leaders, others);
    // The killed leader had claimed the fourth in the ledger before sending it, so it is not sent again.
    await second.next('claimed-elsewhere');
    expect(await second.next('run-finished')).toMatchObject({ job: 'reminders', sent: 3 });

    // Every reminder arrived, none twice. The one in flight at the kill had reached Slack here; had it
    // not, it would have been lost (six arrive): the ledger errs towards losing it, never doubling it.
    const sent = channels();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.sort()).toEqual(REMINDED);

    const third = others.find((r) => r !== second)!;
    expect(await stop(third)).toMatchObject({ led: 0, runs: 0 });
    expect(await stop(second)).toMatchObject({ led: 1, runs: 1 });
    expect(channels()).toHaveLength(7);
  }, 60_000);

  it('a leader whose connection breaks stops between two messages, waits, and on leading again finishes without repeating one', async () => {
    slack.holdAfter('chat.postMessage', 3);
    const [replica] = start(['solo']);
    await replica!.next('ready');
    await replica!.next('leader');
    await slack.waitForCalls('chat.postMessage', 4);
    // An operator (or a failover) ends the session that holds the leadership lock.
    await sql(db.url, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    await replica!.next('leadership-lost');
    slack.release();

    await replica!.next('not-leader');
    expect(channels()).toHaveLength(4);
    // The fourth was answered before the run stopped, so it is recorded as sent; the rest go out now.
    await replica!.next('leader');
    expect(await replica!.next('run-finished')).toMatchObject({ job: 'reminders', sent: 3 });
    const sent = channels();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.sort()).toEqual(REMINDED);
    expect(await stop(replica!)).toMatchObject({ led: 2, runs: 2 });
  }, 60_000);
});
