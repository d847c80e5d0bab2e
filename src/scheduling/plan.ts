import { nextOccurrence, occurrencesBetween, type CronSchedule } from '../domain/cron.ts';

/**
 * A run is "on time" this long after its slot: the heartbeat wakes once a
 * minute, so a run is normally a few seconds late. With JOB_CATCH_UP_MINUTES=0
 * only on-time runs happen.
 */
export const ON_TIME_GRACE_MS = 2 * 60_000;

/** Missed slots are listed this far back; older ones are only counted as "and earlier". */
export const MISSED_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

export interface RunPlan {
  /** The slot to run now: the latest one still within the catch-up window. */
  run?: Date;
  /** Other slots within the window: the one run covers them (a frequent job that missed several). */
  covered: Date[];
  /** Slots too old to catch up: logged, never run. */
  missed: Date[];
  /** Whether there were missed slots before the lookback, not listed. */
  missedEarlier: boolean;
}

/**
 * Decides what a job should do at `now`, given the last slot it dealt with
 * (`after`): every slot since then is either run (the latest one, if it is
 * within the catch-up window), covered by that run, or missed. So a run
 * missed while the bot was down happens once on start if it is recent
 * enough, and two slots never run for one.
 */
export function planRun(schedule: CronSchedule, after: Date, now: Date, catchUpMs: number, timeZone: string): RunPlan {
  const lookbackStart = new Date(Math.max(after.getTime(), now.getTime() - MISSED_LOOKBACK_MS));
  const slots = occurrencesBetween(schedule, lookbackStart, now, timeZone);
  const window = Math.max(catchUpMs, ON_TIME_GRACE_MS);
  const recent = slots.filter((s) => now.getTime() - s.getTime() <= window);
  const missed = slots.filter((s) => now.getTime() - s.getTime() > window);
  const firstAfter = lookbackStart.getTime() > after.getTime() ? nextOccurrence(schedule, after, timeZone) : undefined;
  const missedEarlier = firstAfter !== undefined && firstAfter.getTime() <= lookbackStart.getTime();
  const plan: RunPlan = { covered: recent.slice(0, -1), missed, missedEarlier };
  const run = recent.at(-1);
  if (run) plan.run = run;
  return plan;
}
