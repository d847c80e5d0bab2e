import { z } from 'zod';
import type { StoreTx } from '../store/store.ts';

/**
 * What the scheduler remembers about each job (or each network of a
 * per-network job): the latest scheduled slot it has dealt with. Kept in the
 * store's keyed records, so it survives restarts: that is how a run missed
 * while the bot was down is found on start.
 */
export const JOB_RUN_KIND = 'job-run';

const recordSchema = z.object({
  /** The latest slot dealt with (an ISO instant). */
  slot: z.string(),
  /**
   * baseline: first seen, nothing run (a new job or network starts from now);
   * completed: the slot's run finished; missed: too old to catch up, logged;
   * covered: passed over for a later slot within the catch-up window.
   */
  outcome: z.enum(['baseline', 'completed', 'missed', 'covered']),
  /** When this was recorded. */
  at: z.string(),
  report: z.object({ sent: z.number(), skipped: z.number(), failed: z.number() }).optional(),
});

export type JobRunRecord = z.infer<typeof recordSchema>;

export function jobRunKey(job: string, network?: string): string {
  return network === undefined ? job : `${job}:${network}`;
}

/** A record that does not parse is treated as absent: the job starts again from now, which never sends twice (the ledger sees to that). */
export async function readJobRun(tx: StoreTx, key: string): Promise<JobRunRecord | undefined> {
  const parsed = recordSchema.safeParse(await tx.record(JOB_RUN_KIND, key));
  return parsed.success ? parsed.data : undefined;
}

/** Records a slot as dealt with, never moving a job's record backwards (two processes may both record). */
export async function recordJobRun(tx: StoreTx, key: string, record: JobRunRecord): Promise<void> {
  const current = await readJobRun(tx, key);
  if (current && current.slot > record.slot) return;
  await tx.saveRecord(JOB_RUN_KIND, key, record);
}
