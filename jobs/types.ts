import type { Config } from '../src/config.ts';
import type { Network } from '../src/domain/networks.ts';
import type { Messenger } from '../src/messaging/messenger.ts';
import type { Runtime } from '../src/runtime.ts';

/** What a job may use. Injected, so tests run jobs with fakes and a fixed `now`. */
export interface JobDeps extends Runtime {
  messenger: Messenger;
  /** The real time, for the ledger's timestamps; `now` given to `run` is the time the run is for. */
  clock: () => Date;
  /** Only these networks (codes); every network when absent. The scheduler narrows it for per-network schedules. */
  networks?: readonly string[];
  /** Aborted at shutdown: a run stops between two messages, and the rest go out on the next run. */
  signal?: AbortSignal;
}

/**
 * A scheduled job as data: the scheduler runs it on `schedule` (a cron
 * expression in BOT_TIMEZONE) and `npm run job -- <name>` runs it once.
 * `run` does what is due at `now` and is safe to repeat: every message goes
 * through the sent-message ledger, so a second run sends only what the
 * first did not.
 */
export interface Job {
  name: string;
  /** Default cron expression (src/domain/cron.ts explains the syntax and clock changes). */
  schedule: string;
  summary: string;
  /**
   * A network's own schedule, where co-chairs choose the time (reminders).
   * When present, the scheduler keeps track of each network separately and
   * runs the job with `deps.networks` set to those due.
   */
  scheduleFor?: (network: Network, config: Config) => string;
  run(deps: JobDeps, now: Date): Promise<JobReport>;
}

/** What a run did, for the log and the CLI. */
export interface JobReport {
  sent: number;
  skipped: number;
  failed: number;
  detail?: Record<string, unknown>;
}
