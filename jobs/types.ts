import type { Messenger } from '../src/messaging/messenger.ts';
import type { Runtime } from '../src/runtime.ts';

/** What a job may use. Injected, so tests run jobs with fakes and a fixed `now`. */
export interface JobDeps extends Runtime {
  messenger: Messenger;
}

/**
 * A scheduled job as data: the scheduler runs it on `schedule` (a cron
 * expression in BOT_TIMEZONE) and `npm run job -- <name>` runs it once.
 */
export interface Job {
  name: string;
  /** Default cron expression; networks may override per-job settings. */
  schedule: string;
  summary: string;
  run(deps: JobDeps, now: Date): Promise<JobReport>;
}

/** What a run did, for the log and the CLI. */
export interface JobReport {
  sent: number;
  skipped: number;
  failed: number;
  detail?: Record<string, unknown>;
}
