import { scheduledJobs } from '../../jobs/index.ts';
import type { Job } from '../../jobs/types.ts';
import { localDateAt, dateParts } from '../domain/local-date.ts';
import type { Messenger } from '../messaging/messenger.ts';
import type { Runtime } from '../runtime.ts';
import { startHeartbeat } from './heartbeat.ts';
import { lockForJobs } from './jobs-lock.ts';
import { Scheduler } from './scheduler.ts';

export interface RunningJobs {
  /** Stops the heartbeat, then any run in progress between two messages, and waits for it. */
  stop(): Promise<void>;
}

/**
 * Runs the jobs alongside the bot: one tick straight away (catching up a run
 * missed while the bot was down), then one a minute. If another live process
 * already runs the jobs on this data file, this one does not (see jobs-lock.ts).
 */
export async function startJobs(runtime: Runtime, messenger: Messenger, jobs: readonly Job[] = scheduledJobs(runtime.config)): Promise<RunningJobs> {
  const log = runtime.log.child({ component: 'scheduler' });
  const locked = await lockForJobs(runtime);
  if (!locked.acquired) {
    log.warn({ heldBy: locked.heldBy, dataFile: runtime.config.dataFile }, 'another process runs the scheduled jobs on this data file; this one will not');
    return { stop: () => Promise.resolve() };
  }
  const scheduler = new Scheduler({ jobs, deps: { ...runtime, messenger, clock: () => new Date() } });
  warnIfHolidaysRunOut(runtime, new Date());
  const tick = (now: Date): Promise<unknown> => scheduler.tick(now);
  const first = tick(new Date()).catch((error: unknown) => log.error({ err: error }, 'scheduler tick failed'));
  const heartbeat = startHeartbeat(tick, log);
  log.info({ jobs: jobs.map((j) => j.name), catchUpMinutes: runtime.config.jobCatchUpMinutes }, 'scheduler started');
  return {
    async stop() {
      await heartbeat.stop();
      await scheduler.stop();
      await first;
      await locked.lock.release();
      log.info('scheduler stopped');
    },
  };
}

/** Working days are only right while the bank-holiday list covers the year: say so before it runs out. */
function warnIfHolidaysRunOut(runtime: Runtime, now: Date): void {
  const year = dateParts(localDateAt(now, runtime.config.timeZone)).year;
  const missing = [year, year + 1].filter((y) => !runtime.bankHolidays.covers(y));
  if (missing.length > 0) {
    runtime.log.warn({ years: missing, file: runtime.config.bankHolidaysFile }, 'the bank-holiday list does not cover these years, so their bank holidays count as working days; add them (see README, Bank holidays)');
  }
}
