import type { Job, JobDeps, JobReport } from '../../jobs/types.ts';
import { parseCron, type CronSchedule } from '../domain/cron.ts';
import { DeliveryInterrupted } from '../messaging/deliver.ts';
import { jobRunKey, readJobRun, recordJobRun } from './job-runs.ts';
import { planRun } from './plan.ts';

/** A failed run is tried again this many times at most, this far apart, while its slot is within the catch-up window. */
export const MAX_ATTEMPTS = 3;
export const RETRY_AFTER_MS = 5 * 60_000;

/** One thing a job is scheduled for: the whole job, or one network of a per-network job. */
interface Scope {
  key: string;
  schedule: CronSchedule;
  network?: string;
}

/** A run the scheduler started, for logs and tests. */
export interface ScheduledRun {
  job: string;
  slot: Date;
  networks?: string[];
  report?: JobReport;
  error?: unknown;
}

export interface SchedulerOptions {
  jobs: readonly Job[];
  /** Everything a job needs except what the scheduler sets per run (networks, signal). */
  deps: Omit<JobDeps, 'networks' | 'signal'>;
  /**
   * Aborted when the scheduler must stop between two messages from outside,
   * as `stop()` does: at shutdown, or when this replica stops being the
   * scheduler leader. No tick starts after.
   */
  signal?: AbortSignal;
}

/**
 * Decides, on each tick, which jobs are due and runs them; `tick(now)` is
 * called by the heartbeat once a minute and at start (catch-up). All timing
 * decisions are made here from the store's job-run records and the pure
 * planner, so tests drive it with any `now`, across clock changes included.
 *
 * Jobs run one at a time. Each job's slots are planned per scope; per-network
 * scopes due at the same instant run together as one run. A run that
 * finishes records its slot; one that fails is tried again (MAX_ATTEMPTS,
 * RETRY_AFTER_MS) while within the window, and otherwise on the next start,
 * if still within it. Repeating a run is safe: the ledger keeps each message
 * to one send.
 */
export class Scheduler {
  readonly #jobs: readonly Job[];
  /** Each job's default schedule, parsed once: a bad one stops start-up. */
  readonly #schedules = new Map<string, CronSchedule>();
  readonly #deps: Omit<JobDeps, 'networks' | 'signal'>;
  readonly #controller = new AbortController();
  /** Our own stop, and the caller's signal if given. */
  readonly #signal: AbortSignal;
  readonly #attempts = new Map<string, { count: number; lastAt: number }>();
  #inFlight: Promise<ScheduledRun[]> | undefined;

  constructor(options: SchedulerOptions) {
    for (const job of options.jobs) {
      const parsed = parseCron(job.schedule);
      if (!parsed.ok) throw new Error(`Job ${job.name} has an invalid schedule: ${parsed.reason}`);
      this.#schedules.set(job.name, parsed.schedule);
    }
    this.#jobs = options.jobs;
    this.#deps = options.deps;
    this.#signal = options.signal ? AbortSignal.any([this.#controller.signal, options.signal]) : this.#controller.signal;
  }

  /**
   * Runs whatever is due at `now`. A tick while another is still running
   * does nothing (the next one will see what is due).
   */
  tick(now: Date): Promise<ScheduledRun[]> {
    if (this.#signal.aborted || this.#inFlight) return Promise.resolve([]);
    const running = this.#tick(now).finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = running;
    return running;
  }

  /** Stops between two messages of a run in progress and waits for it; no tick starts after. */
  async stop(): Promise<void> {
    this.#controller.abort();
    await this.#inFlight?.catch(() => undefined);
  }

  async #tick(now: Date): Promise<ScheduledRun[]> {
    const runs: ScheduledRun[] = [];
    for (const job of this.#jobs) {
      if (this.#signal.aborted) break;
      runs.push(...await this.#tickJob(job, now));
    }
    return runs;
  }

  async #tickJob(job: Job, now: Date): Promise<ScheduledRun[]> {
    const { config, log: rootLog, store } = this.#deps;
    const log = rootLog.child({ job: job.name });
    const catchUpMs = config.jobCatchUpMinutes * 60_000;
    const scopes = await this.#scopesOf(job);
    const due = new Map<number, Scope[]>();

    await store.transaction(async (tx) => {
      for (const scope of scopes) {
        const scopeLog = scope.network ? log.child({ network: scope.network }) : log;
        const record = await readJobRun(tx, scope.key);
        if (!record) {
          await recordJobRun(tx, scope.key, { slot: now.toISOString(), outcome: 'baseline', at: this.#deps.clock().toISOString() });
          scopeLog.info({ schedule: scope.schedule.expression }, 'job scheduled; runs from its next slot');
          continue;
        }
        const plan = planRun(scope.schedule, new Date(record.slot), now, catchUpMs, config.timeZone);
        if (plan.missed.length > 0) {
          scopeLog.warn({
            missed: plan.missed.length, first: plan.missed[0]!.toISOString(), last: plan.missed.at(-1)!.toISOString(),
            andEarlier: plan.missedEarlier, catchUpMinutes: config.jobCatchUpMinutes,
          }, 'scheduled runs missed while the bot was not running, too long ago to catch up: not run');
        }
        if (plan.covered.length > 0) scopeLog.info({ covered: plan.covered.map((s) => s.toISOString()) }, 'several runs missed; running only the latest');
        // Slots passed over are recorded at once, so they are reported once whatever becomes of the run.
        const passedOver = plan.covered.at(-1) ?? plan.missed.at(-1);
        if (passedOver) {
          await recordJobRun(tx, scope.key, { slot: passedOver.toISOString(), outcome: plan.covered.length > 0 ? 'covered' : 'missed', at: this.#deps.clock().toISOString() });
        }
        if (plan.run) due.set(plan.run.getTime(), [...(due.get(plan.run.getTime()) ?? []), scope]);
      }
    });

    const runs: ScheduledRun[] = [];
    for (const [time, group] of [...due].sort(([a], [b]) => a - b)) {
      if (this.#signal.aborted) break;
      const slot = new Date(time);
      const networks = group.flatMap((s) => (s.network === undefined ? [] : [s.network]));
      const attemptKey = `${group.map((s) => s.key).join(',')}@${slot.toISOString()}`;
      const attempt = this.#attempts.get(attemptKey);
      if (attempt && (attempt.count >= MAX_ATTEMPTS || now.getTime() - attempt.lastAt < RETRY_AFTER_MS)) continue;
      this.#attempts.set(attemptKey, { count: (attempt?.count ?? 0) + 1, lastAt: now.getTime() });
      runs.push(await this.#run(job, slot, group, networks));
    }
    this.#forgetOldAttempts(now);
    return runs;
  }

  async #run(job: Job, slot: Date, group: Scope[], networks: string[]): Promise<ScheduledRun> {
    const log = this.#deps.log.child({ job: job.name });
    const run: ScheduledRun = { job: job.name, slot, ...(networks.length > 0 && { networks }) };
    const startedAt = this.#deps.clock();
    log.info({ slot: slot.toISOString(), networks: run.networks, lateMs: startedAt.getTime() - slot.getTime() }, 'job run starting');
    try {
      const report = await job.run({ ...this.#deps, ...(networks.length > 0 && { networks }), signal: this.#signal }, slot);
      run.report = report;
      await this.#deps.store.transaction(async (tx) => {
        for (const scope of group) {
          await recordJobRun(tx, scope.key, { slot: slot.toISOString(), outcome: 'completed', at: this.#deps.clock().toISOString(), report: { sent: report.sent, skipped: report.skipped, failed: report.failed } });
        }
      });
      log.info({ slot: slot.toISOString(), sent: report.sent, skipped: report.skipped, failed: report.failed, ms: this.#deps.clock().getTime() - startedAt.getTime() }, 'job run finished');
    } catch (error) {
      run.error = error;
      if (error instanceof DeliveryInterrupted && error.reason === 'stopped') {
        log.info({ slot: slot.toISOString(), ...error.report }, 'job run stopped (shutting down, or no longer the scheduler leader); the rest go out when it runs again');
      } else {
        log.error({ err: error, slot: slot.toISOString(), ...(error instanceof DeliveryInterrupted && error.report) }, 'job run failed; it will be tried again while within the catch-up window');
      }
    }
    return run;
  }

  async #scopesOf(job: Job): Promise<Scope[]> {
    if (!job.scheduleFor) return [{ key: jobRunKey(job.name), schedule: this.#schedules.get(job.name)! }];
    const networks = await this.#deps.store.transaction((tx) => tx.networks());
    const scopes: Scope[] = [];
    for (const network of networks.sort((a, b) => a.code.localeCompare(b.code))) {
      const expression = job.scheduleFor(network, this.#deps.config);
      const parsed = parseCron(expression);
      if (!parsed.ok) {
        this.#deps.log.error({ job: job.name, network: network.code, reason: parsed.reason }, 'network schedule is invalid; skipped');
        continue;
      }
      scopes.push({ key: jobRunKey(job.name, network.code), schedule: parsed.schedule, network: network.code });
    }
    return scopes;
  }

  #forgetOldAttempts(now: Date): void {
    for (const [key, attempt] of this.#attempts) {
      if (now.getTime() - attempt.lastAt > 2 * 24 * 60 * 60_000) this.#attempts.delete(key);
    }
  }
}
