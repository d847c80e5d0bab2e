import agenda from './agenda.ts';
import digest from './digest.ts';
import reminders from './reminders.ts';
import type { Job } from './types.ts';

/** Every scheduled job. The scheduler and `npm run job` both run these. */
export const JOBS: readonly Job[] = [reminders, agenda, digest];
