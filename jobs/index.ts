import type { Config } from '../src/config.ts';
import agenda from './agenda.ts';
import digest from './digest.ts';
import reminders from './reminders.ts';
import { sheetsSyncJob } from './sheets-sync.ts';
import type { Job } from './types.ts';

/** Every scheduled job. The scheduler and `npm run job` both run these. */
export const JOBS: readonly Job[] = [reminders, agenda, digest, sheetsSyncJob];

/** The jobs with the schedules the settings choose (SHEETS_SYNC_SCHEDULE). */
export function scheduledJobs(config: Config): readonly Job[] {
  return JOBS.map((job) => (job.name === sheetsSyncJob.name ? { ...job, schedule: config.sheetsSyncSchedule } : job));
}
