import { describe, expect, it } from 'vitest';
import reminders from '../../jobs/reminders.ts';
import type { Job, JobDeps, JobReport } from '../../jobs/types.ts';
import { addDays, zonedParts } from '../../src/domain/local-date.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import type { Messenger } from '../../src/messaging/messenger.ts';
import { JOB_RUN_KIND } from '../../src/scheduling/job-runs.ts';
import { Scheduler } from '../../src/scheduling/scheduler.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { capturingLogger } from '../support/log-capture.ts';
import { testConfig, testRuntime } from '../support/runtime.ts';
import { DONE_WHEN_NOW, doneWhenState, network } from '../support/scenario.ts';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/state.ts';
import type { Runtime } from '../../src/runtime.ts';

const LONDON = 'Europe/London';
const MINUTE = 60_000;
const EMPTY_REPORT: JobReport = { sent: 0, skipped: 0, failed: 0 };

/** A job that only notes when it was run for, and for which networks. */
function countingJob(schedule: string, extra: Partial<Job> = {}): Job & { runs: { slot: Date; networks?: readonly string[] }[] } {
  const runs: { slot: Date; networks?: readonly string[] }[] = [];
  return {
    name: 'counting', schedule, summary: 'counts', runs,
    run(deps: JobDeps, now: Date) {
      runs.push({ slot: now, ...(deps.networks && { networks: deps.networks }) });
      return Promise.resolve(EMPTY_REPORT);
    },
    ...extra,
  };
}

function scheduler(jobs: Job[], runtime: Runtime, messenger: Messenger = new MemoryMessenger()): Scheduler {
  return new Scheduler({ jobs, deps: { ...runtime, messenger, clock: () => new Date('2027-05-27T08:00:00Z') } });
}

/** Ticks once a minute from `from` (inclusive) to `to` (exclusive), as the heartbeat does. */
async function tickEveryMinute(s: Scheduler, from: string, to: string, secondsPast = 1): Promise<void> {
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += MINUTE) await s.tick(new Date(t + secondsPast * 1000));
}

function local(instant: Date): string {
  const p = zonedParts(instant, LONDON);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function emptyStore(): MemoryStore {
  return new MemoryStore({ schemaVersion: CURRENT_SCHEMA_VERSION, networks: [], actions: [], workplan: [], frameworks: [], records: {} });
}

async function lastSlot(store: Store, key: string): Promise<unknown> {
  return store.transaction((tx) => tx.record(JOB_RUN_KIND, key));
}

describe('Scheduler: runs at the scheduled time', () => {
  it('starts a new job from now (nothing runs on the first tick) and then runs each slot once, for its slot', async () => {
    const job = countingJob('0 9 * * *');
    const s = scheduler([job], testRuntime(emptyStore()));
    await tickEveryMinute(s, '2027-05-27T07:55:00Z', '2027-05-27T08:10:00Z');
    expect(job.runs.map((r) => local(r.slot))).toEqual(['2027-05-27 09:00']);
  });

  it('refuses a job with an invalid schedule at start', () => {
    expect(() => scheduler([countingJob('0 25 * * *')], testRuntime())).toThrow(/Job counting has an invalid schedule: .*hour 25 is out of range/);
  });
});

describe('Scheduler: never missed', () => {
  async function startedAfterDowntime(restartAt: string, env: Record<string, string> = {}) {
    const store = emptyStore();
    const runtime = testRuntime(store, testConfig(env));
    const job = countingJob('0 9 * * *');
    await tickEveryMinute(scheduler([job], runtime), '2027-05-26T07:58:00Z', '2027-05-26T08:03:00Z');
    expect(job.runs).toHaveLength(1);
    // The process stops after Wednesday's run and starts again on Thursday at `restartAt`.
    const { log, lines } = capturingLogger();
    const restarted = scheduler([job], { ...runtime, log });
    await restarted.tick(new Date(restartAt));
    return { job, restarted, store, lines };
  }

  it('a run missed while down runs once on start, within the catch-up window (started 09:30 after a 09:00 run was due)', async () => {
    const { job, restarted, store } = await startedAfterDowntime('2027-05-27T08:30:00Z');
    expect(job.runs.map((r) => local(r.slot))).toEqual(['2027-05-26 09:00', '2027-05-27 09:00']);
    await tickEveryMinute(restarted, '2027-05-27T08:31:00Z', '2027-05-27T09:30:00Z');
    expect(job.runs).toHaveLength(2);
    expect(await lastSlot(store, 'counting')).toMatchObject({ slot: '2027-05-27T08:00:00.000Z', outcome: 'completed' });
  });

  it('an older miss is logged once, not run, and the next day runs as usual', async () => {
    const { job, restarted, store, lines } = await startedAfterDowntime('2027-05-27T09:30:00Z');
    expect(job.runs).toHaveLength(1);
    const warning = lines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('scheduled runs missed'));
    expect(warning).toEqual([expect.objectContaining({ job: 'counting', missed: 1, first: '2027-05-27T08:00:00.000Z', catchUpMinutes: 60 })]);
    expect(await lastSlot(store, 'counting')).toMatchObject({ outcome: 'missed' });
    await tickEveryMinute(restarted, '2027-05-27T09:31:00Z', '2027-05-27T10:00:00Z');
    expect(lines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('scheduled runs missed'))).toHaveLength(1);
    await restarted.tick(new Date('2027-05-28T08:00:02Z'));
    expect(job.runs.map((r) => local(r.slot))).toEqual(['2027-05-26 09:00', '2027-05-28 09:00']);
  });

  it('respects JOB_CATCH_UP_MINUTES: with 0, only runs on time happen', async () => {
    const late = await startedAfterDowntime('2027-05-27T08:05:00Z', { JOB_CATCH_UP_MINUTES: '0' });
    expect(late.job.runs).toHaveLength(1);
    const onTime = await startedAfterDowntime('2027-05-27T08:00:40Z', { JOB_CATCH_UP_MINUTES: '0' });
    expect(onTime.job.runs).toHaveLength(2);
  });

  it('a frequent job that missed several slots within the window runs once, for the latest', async () => {
    const job = countingJob('*/15 * * * *');
    const runtime = testRuntime(emptyStore());
    await scheduler([job], runtime).tick(new Date('2027-05-27T07:00:30Z'));
    await scheduler([job], runtime).tick(new Date('2027-05-27T07:50:00Z'));
    expect(job.runs.map((r) => local(r.slot))).toEqual(['2027-05-27 08:45']);
  });
});

/** The four changeovers the issue names: from Saturday noon to Monday noon (UTC). */
const CHANGES = [
  { name: 'Sunday 29 March 2026 (clocks go forward)', from: '2026-03-28T12:00:00Z', to: '2026-03-30T12:00:00Z', day: '2026-03-29', spring: true },
  { name: 'Sunday 25 October 2026 (clocks go back)', from: '2026-10-24T12:00:00Z', to: '2026-10-26T12:00:00Z', day: '2026-10-25', spring: false },
  { name: 'Sunday 28 March 2027 (clocks go forward)', from: '2027-03-27T12:00:00Z', to: '2027-03-29T12:00:00Z', day: '2027-03-28', spring: true },
  { name: 'Sunday 31 October 2027 (clocks go back)', from: '2027-10-30T12:00:00Z', to: '2027-11-01T12:00:00Z', day: '2027-10-31', spring: false },
] as const;

describe('Scheduler across the clock changes, ticked every minute by an injected clock: none skipped, none doubled', () => {
  it.each(CHANGES)('$name', async ({ from, to, day, spring }) => {
    const nine = { ...countingJob('0 9 * * *'), name: 'nine' };
    const early = { ...countingJob('30 1 * * *'), name: 'early' };
    const s = scheduler([nine, early], testRuntime(emptyStore()));
    await tickEveryMinute(s, from, to);
    const next = addDays(day, 1);
    expect(nine.runs.map((r) => local(r.slot))).toEqual([`${day} 09:00`, `${next} 09:00`]);
    // 01:30 does not exist on the spring day: the job runs at 02:30 BST, 24 hours after the day before.
    // On the autumn day 01:30 happens twice: the job runs the first time only.
    expect(early.runs.map((r) => local(r.slot))).toEqual([spring ? `${day} 02:30` : `${day} 01:30`, `${next} 01:30`]);
    if (!spring) expect(early.runs[0]!.slot.toISOString()).toBe(`${day}T00:30:00.000Z`);
  });
});

describe('Scheduler: per-network schedules', () => {
  const runtimeWith = (swTime?: { hour: number; minute: number }) => {
    const state = doneWhenState();
    state.networks = [
      network('South West', 'CSW', ['ULEAD'], swTime ? { reminders: { time: swTime } } : {}),
      network('North West', 'CNW', ['UNW'], { reminders: { time: { hour: 14, minute: 30 } } }),
      network('London', 'CLDN', ['ULDN']),
    ];
    return testRuntime(new MemoryStore(state));
  };

  it('runs each network at its own time; networks due together run as one', async () => {
    const job = countingJob('0 9 * * 1-5', { scheduleFor: reminders.scheduleFor! });
    const s = scheduler([job], runtimeWith());
    await tickEveryMinute(s, '2027-05-27T07:00:00Z', '2027-05-27T14:00:00Z');
    expect(job.runs.map((r) => [local(r.slot), r.networks])).toEqual([
      ['2027-05-27 09:00', ['LDN', 'SW']],
      ['2027-05-27 14:30', ['NW']],
    ]);
  });

  it('follows a time changed during the day, without running a network twice that day (the ledger would stop the messages anyway)', async () => {
    const runtime = runtimeWith();
    const job = countingJob('0 9 * * 1-5', { scheduleFor: reminders.scheduleFor! });
    const s = scheduler([job], runtime);
    await tickEveryMinute(s, '2027-05-27T07:55:00Z', '2027-05-27T08:05:00Z');
    await runtime.store.transaction(async (tx) => {
      const sw = (await tx.network('SW'))!;
      await tx.saveNetwork({ ...sw, reminders: { time: { hour: 16, minute: 0 } } });
    });
    await tickEveryMinute(s, '2027-05-28T07:55:00Z', '2027-05-28T15:05:00Z');
    expect(job.runs.filter((r) => r.networks?.includes('SW')).map((r) => local(r.slot))).toEqual(['2027-05-27 09:00', '2027-05-28 16:00']);
  });
});

describe('Scheduler: faults and shutdown', () => {
  it('tries a failed run again after five minutes, at most three times in all', async () => {
    let calls = 0;
    const job = countingJob('0 9 * * *', { run: () => (++calls <= 5 ? Promise.reject(new Error('store unavailable')) : Promise.resolve(EMPTY_REPORT)) });
    const s = scheduler([job], testRuntime(emptyStore()));
    await tickEveryMinute(s, '2027-05-27T07:55:00Z', '2027-05-27T08:30:00Z');
    expect(calls).toBe(3);
  });

  it('reports missed runs once even while the run after them keeps failing', async () => {
    const job = countingJob('0 9 * * *', { run: () => Promise.reject(new Error('boom')) });
    const store = emptyStore();
    await scheduler([job], testRuntime(store)).tick(new Date('2027-05-24T12:00:00Z'));
    const { log, lines } = capturingLogger();
    const restarted = scheduler([job], { ...testRuntime(store), log });
    await tickEveryMinute(restarted, '2027-05-27T08:10:00Z', '2027-05-27T08:40:00Z');
    const missed = lines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('scheduled runs missed'));
    expect(missed).toEqual([expect.objectContaining({ missed: 2, first: '2027-05-25T08:00:00.000Z', last: '2027-05-26T08:00:00.000Z' })]);
    expect(lines().filter((l) => l.msg === 'job run failed; it will be tried again while within the catch-up window')).toHaveLength(3);
  });

  it('records a failed run as not completed, so a restart within the window runs it', async () => {
    let fail = true;
    const job = countingJob('0 9 * * *', { run: () => (fail ? Promise.reject(new Error('boom')) : Promise.resolve(EMPTY_REPORT)) });
    const runtime = testRuntime(emptyStore());
    await tickEveryMinute(scheduler([job], runtime), '2027-05-27T07:59:00Z', '2027-05-27T08:01:00Z');
    fail = false;
    const runs = await scheduler([job], runtime).tick(new Date('2027-05-27T08:02:00Z'));
    expect(runs.map((r) => [local(r.slot), r.report])).toEqual([['2027-05-27 09:00', EMPTY_REPORT]]);
  });

  it('stop() waits for a run in progress, and no tick runs after it', async () => {
    let release: () => void = () => {};
    let sawAbort = false;
    const job = countingJob('0 9 * * *', {
      run: (deps) => new Promise<JobReport>((resolve) => {
        deps.signal?.addEventListener('abort', () => { sawAbort = true; });
        release = () => resolve(EMPTY_REPORT);
      }),
    });
    const runtime = testRuntime(emptyStore());
    const s = scheduler([job], runtime);
    await s.tick(new Date('2027-05-27T07:59:00Z'));
    const running = s.tick(new Date('2027-05-27T08:00:01Z'));
    await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = s.stop().then(() => { stopped = true; });
    await new Promise((r) => setImmediate(r));
    expect(sawAbort).toBe(true);
    expect(stopped).toBe(false);
    release();
    await Promise.all([running, stopping]);
    expect(stopped).toBe(true);
    expect(await s.tick(new Date('2027-05-28T08:00:01Z'))).toEqual([]);
  });
});

describe('Scheduler with the real reminders job: never twice', () => {
  const recipients = (m: MemoryMessenger): string[] => m.messages.map((x) => ('direct' in x.to ? x.to.direct : x.to.channel)).sort();
  const NINE = new Date(DONE_WHEN_NOW);

  async function primed(store: Store): Promise<void> {
    // Both processes have run before: yesterday's records exist.
    await scheduler([reminders], testRuntime(store)).tick(new Date('2027-05-26T12:00:00Z'));
  }

  it('two processes ticking at the same moment send each message once between them', async () => {
    const store = new MemoryStore(doneWhenState());
    await primed(store);
    const a = new MemoryMessenger();
    const b = new MemoryMessenger();
    await Promise.all([
      scheduler([reminders], testRuntime(store), a).tick(new Date(NINE.getTime() + 1000)),
      scheduler([reminders], testRuntime(store), b).tick(new Date(NINE.getTime() + 1000)),
    ]);
    expect([...recipients(a), ...recipients(b)]).toEqual(['UANNA', 'UBEN', 'UCAT', 'UCO2', 'UFAY', 'UGUS', 'ULEAD']);
  });

  it('a process stopped mid-run and restarted sends exactly the messages the first did not', async () => {
    const store = new MemoryStore(doneWhenState());
    await primed(store);
    const first = new MemoryMessenger();
    const firstProcess: { scheduler?: Scheduler } = {};
    const stopsAfterThree: Messenger = {
      postToChannel: (c, r) => first.postToChannel(c, r),
      sendDirect: async (u, r) => {
        await first.sendDirect(u, r);
        if (first.count === 3) void firstProcess.scheduler!.stop();
      },
    };
    const firstScheduler = scheduler([reminders], testRuntime(store), stopsAfterThree);
    firstProcess.scheduler = firstScheduler;
    const [run] = await firstScheduler.tick(new Date(NINE.getTime() + 1000));
    expect(run?.error).toBeDefined();
    expect(first.count).toBe(3);

    const second = new MemoryMessenger();
    const [rerun] = await scheduler([reminders], testRuntime(store), second).tick(new Date(NINE.getTime() + 4 * MINUTE));
    expect(rerun?.report).toMatchObject({ sent: 4, skipped: 3 });
    expect([...recipients(first), ...recipients(second)].sort()).toEqual(['UANNA', 'UBEN', 'UCAT', 'UCO2', 'UFAY', 'UGUS', 'ULEAD']);
  });
});
