import { setTimeout as delay } from 'node:timers/promises';
import { scheduledJobs } from '../../jobs/index.ts';
import type { Job, JobDeps } from '../../jobs/types.ts';
import { localDateAt, dateParts } from '../domain/local-date.ts';
import type { Logger } from '../logger.ts';
import type { Messenger } from '../messaging/messenger.ts';
import type { Runtime } from '../runtime.ts';
import { reasonOf } from '../store/postgres-store.ts';
import { startHeartbeat } from './heartbeat.ts';
import { lockForJobs } from './jobs-lock.ts';
import { Scheduler } from './scheduler.ts';

export interface RunningJobs {
  /** Stops the heartbeat, then any run in progress between two messages, and waits for it; lets go of the leadership. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  /** The time ticks run at and the ledger records: the real time unless a test sets another. */
  clock?: () => Date;
}

/** The leadership every replica on a shared store waits for; its holder runs the jobs. */
export const SCHEDULER_LEADERSHIP = 'scheduler';

/** After failing to reach the store to wait for the leadership, try again this long after. */
export const LEADERSHIP_RETRY_MS = 30_000;

/**
 * Runs the jobs alongside the bot: one tick straight away (catching up a run
 * missed while the bot was down), then one a minute.
 *
 * On the JSON data file, if another live process already runs the jobs on
 * that file, this one does not (see jobs-lock.ts). On a shared store
 * (PostgreSQL, several replicas), every replica waits in the background for
 * the "scheduler" leadership and only its holder runs the jobs; a holder
 * that loses it (its connection to the database broke) stops between two
 * messages and waits again, and when a holder dies another replica takes
 * over and catches up the run it left unfinished. This returns at once in
 * either case: waiting never holds up the front end.
 */
export async function startJobs(runtime: Runtime, messenger: Messenger, jobs: readonly Job[] = scheduledJobs(runtime.config), options: StartJobsOptions = {}): Promise<RunningJobs> {
  const log = runtime.log.child({ component: 'scheduler' });
  const clock = options.clock ?? (() => new Date());
  const deps: Omit<JobDeps, 'networks' | 'signal'> = { ...runtime, messenger, clock };
  if ((await runtime.store.health()).kind !== 'json-file') return leadScheduling(runtime, deps, jobs, log);

  const locked = await lockForJobs(runtime);
  if (!locked.acquired) {
    log.warn({ heldBy: locked.heldBy, dataFile: runtime.config.dataFile }, 'another process runs the scheduled jobs on this data file; this one will not');
    return { stop: () => Promise.resolve() };
  }
  const running = runScheduler(runtime, deps, jobs, log);
  return {
    async stop() {
      await running.stop();
      await locked.lock.release();
      log.info('scheduler stopped');
    },
  };
}

/** The scheduler and its heartbeat, ticking at once; `signal` (if given) stops it between two messages as `stop()` does. */
function runScheduler(runtime: Runtime, deps: Omit<JobDeps, 'networks' | 'signal'>, jobs: readonly Job[], log: Logger, signal?: AbortSignal): RunningJobs {
  const scheduler = new Scheduler({ jobs, deps, ...(signal && { signal }) });
  warnIfHolidaysRunOut(runtime, deps.clock());
  const tick = (): Promise<unknown> => scheduler.tick(deps.clock());
  const first = tick().catch((error: unknown) => log.error({ err: error }, 'scheduler tick failed'));
  const heartbeat = startHeartbeat(tick, log);
  log.info({ jobs: jobs.map((j) => j.name), catchUpMinutes: runtime.config.jobCatchUpMinutes }, 'scheduler started');
  return {
    async stop() {
      await heartbeat.stop();
      await scheduler.stop();
      await first;
    },
  };
}

/**
 * On a shared store: wait for the scheduler leadership, run the jobs while
 * holding it, and wait again if it is lost, until stopped. Stopping aborts
 * the wait, or stops the scheduler between two messages and then releases
 * the leadership (before the store closes), so another replica takes over.
 */
function leadScheduling(runtime: Runtime, deps: Omit<JobDeps, 'networks' | 'signal'>, jobs: readonly Job[], log: Logger): RunningJobs {
  const shutdown = new AbortController();
  const { store } = runtime;
  const loop = async (): Promise<void> => {
    log.info({ leadership: SCHEDULER_LEADERSHIP }, 'waiting to become the scheduler leader; the jobs run on one replica at a time');
    while (!shutdown.signal.aborted) {
      let leadership;
      try {
        leadership = await store.awaitLeadership(SCHEDULER_LEADERSHIP, shutdown.signal);
      } catch (error) {
        log.error({ reason: reasonOf(error), retryMs: LEADERSHIP_RETRY_MS }, 'could not wait for the scheduler leadership; trying again');
        await delay(LEADERSHIP_RETRY_MS, undefined, { signal: shutdown.signal, ref: false }).catch(() => undefined);
        continue;
      }
      if (!leadership) return;
      log.info({ leadership: SCHEDULER_LEADERSHIP }, 'became the scheduler leader: this replica runs the jobs');
      const stopping = AbortSignal.any([shutdown.signal, leadership.signal]);
      try {
        const running = runScheduler(runtime, deps, jobs, log, stopping);
        await aborted(stopping);
        await running.stop();
      } finally {
        const lost = leadership.signal.aborted;
        await leadership.release().catch((error: unknown) => log.warn({ reason: reasonOf(error) }, 'releasing the scheduler leadership failed; closing its connection lets it go'));
        if (lost) log.warn({ leadership: SCHEDULER_LEADERSHIP, reason: reasonOf(leadership.signal.reason) }, 'no longer the scheduler leader (leadership lost): jobs stopped between two messages; waiting to lead again');
        else log.info({ leadership: SCHEDULER_LEADERSHIP }, 'no longer the scheduler leader: stopped and released the leadership');
      }
    }
  };
  const running = loop().catch((error: unknown) => log.error({ err: error }, 'the scheduler stopped on an unexpected error; this replica no longer runs the jobs'));
  return {
    async stop() {
      shutdown.abort();
      await running;
      log.info('scheduler stopped');
    },
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Working days are only right while the bank-holiday list covers the year: say so before it runs out. */
function warnIfHolidaysRunOut(runtime: Runtime, now: Date): void {
  const year = dateParts(localDateAt(now, runtime.config.timeZone)).year;
  const missing = [year, year + 1].filter((y) => !runtime.bankHolidays.covers(y));
  if (missing.length > 0) {
    runtime.log.warn({ years: missing, file: runtime.config.bankHolidaysFile }, 'the bank-holiday list does not cover these years, so their bank holidays count as working days; add them (see README, Bank holidays)');
  }
}
