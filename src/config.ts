import { existsSync } from 'node:fs';
import { z } from 'zod';
import { REMINDER_LIMITS, type ReminderSettings } from './domain/reminders.ts';
import { ConfigError } from './errors.ts';

/** A whole number within bounds, written as digits. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.string().trim().default(String(fallback))
    .refine((s) => /^\d+$/.test(s), 'is not a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `is out of range (${min} to ${max})`);

/**
 * Every setting the bot reads, validated once at start. Nothing else in the
 * code reads process.env: it receives a Config.
 */
const configSchema = z.object({
  DATA_FILE: z.string().trim().min(1).default('data/psw.json')
    .describe('path of the JSON data file, e.g. data/psw.json'),
  BOT_TIMEZONE: z.string().trim().default('Europe/London')
    .refine(isTimeZone, 'is not a time zone the runtime knows')
    .describe('an IANA time zone name, e.g. Europe/London'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
    .describe('one of fatal, error, warn, info, debug, trace, silent'),
  LOCAL_USER_ID: z.string().trim().regex(/^[UW][A-Z0-9]{2,}$/, 'must look like a Slack user ID').default('ULOCAL')
    .describe('the user the local shell acts as, a Slack-style user ID such as U0AAA (capital letters and digits)'),
  FRAMEWORKS_DIR: z.string().trim().min(1).default('data/frameworks')
    .describe('folder of shipped priority framework files'),
  BANK_HOLIDAYS_FILE: z.string().trim().min(1).default('data/bank-holidays/england-and-wales.json')
    .describe('path of the bank-holiday list, e.g. data/bank-holidays/england-and-wales.json'),
  JOBS_ENABLED: z.string().trim().toLowerCase().default('true')
    .refine((s) => s === 'true' || s === 'false', 'is neither true nor false')
    .transform((s) => s === 'true')
    .describe('true to run the scheduled jobs (reminders, agendas, digests) alongside the bot, or false'),
  JOB_CATCH_UP_MINUTES: wholeNumber(0, 1440, 60)
    .describe('a whole number of minutes from 0 to 1440, e.g. 60'),
  REMINDER_DAYS_BEFORE: wholeNumber(REMINDER_LIMITS.daysBefore.min, REMINDER_LIMITS.daysBefore.max, 3)
    .describe(`a whole number of working days from ${REMINDER_LIMITS.daysBefore.min} to ${REMINDER_LIMITS.daysBefore.max}, e.g. 3`),
  REMINDER_ESCALATE_AFTER: wholeNumber(REMINDER_LIMITS.escalateAfter.min, REMINDER_LIMITS.escalateAfter.max, 5)
    .describe(`a whole number of working days from ${REMINDER_LIMITS.escalateAfter.min} to ${REMINDER_LIMITS.escalateAfter.max}, e.g. 5`),
  REMINDER_TIME: z.string().trim().default('09:00')
    .refine((s) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(s), 'is not a 24-hour time')
    .transform((s) => ({ hour: Number(s.split(':')[0]), minute: Number(s.split(':')[1]) }))
    .describe('a 24-hour time written HH:MM, e.g. 09:00'),
  MESSAGE_PACING_MS: wholeNumber(0, 60_000, 1000)
    .describe('a whole number of milliseconds from 0 to 60000, e.g. 1000 (0 turns pacing off)'),
});

export type Config = {
  dataFile: string;
  timeZone: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  localUserId: string;
  frameworksDir: string;
  bankHolidaysFile: string;
  jobsEnabled: boolean;
  /** How late a missed scheduled run may still run, in minutes. */
  jobCatchUpMinutes: number;
  /** Reminder settings for networks whose co-chairs have not chosen their own. */
  reminderDefaults: ReminderSettings;
  /** Least gap between two messages to one channel or person, in ms; 0 for none. */
  messagePacingMs: number;
};

/** Settings in a .env file count as if they were in the environment; the environment wins. */
export function loadDotEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set", as most people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const expected = configSchema.shape[name as keyof typeof configSchema.shape]?.description;
      const got = env[name];
      return `- ${name}=${JSON.stringify(got)} ${issue.message}. Set it to ${expected ?? 'a valid value'} (see .env.example), or unset it to use the default.`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    dataFile: c.DATA_FILE,
    timeZone: c.BOT_TIMEZONE,
    logLevel: c.LOG_LEVEL,
    localUserId: c.LOCAL_USER_ID,
    frameworksDir: c.FRAMEWORKS_DIR,
    bankHolidaysFile: c.BANK_HOLIDAYS_FILE,
    jobsEnabled: c.JOBS_ENABLED,
    jobCatchUpMinutes: c.JOB_CATCH_UP_MINUTES,
    reminderDefaults: { daysBefore: c.REMINDER_DAYS_BEFORE, escalateAfter: c.REMINDER_ESCALATE_AFTER, time: c.REMINDER_TIME },
    messagePacingMs: c.MESSAGE_PACING_MS,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
