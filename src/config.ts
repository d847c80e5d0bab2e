import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseCron } from './domain/cron.ts';
import { REMINDER_LIMITS, type ReminderSettings } from './domain/reminders.ts';
import { ConfigError } from './errors.ts';
import { parseSpreadsheetId } from './sheets/spreadsheet-id.ts';
import { isPostgresUrl } from './store/database-url.ts';

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
  GOOGLE_SHEETS_SPREADSHEET_ID: z.string().trim().optional()
    .superRefine((value, ctx) => {
      const parsed = value === undefined ? undefined : parseSpreadsheetId(value);
      if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: `is not usable: ${parsed.reason.replace(/\.$/, '')}` });
    })
    .describe("the ID of the Google spreadsheet networks sync to by default, or the sheet's whole address (https://docs.google.com/spreadsheets/d/<ID>/edit)"),
  GOOGLE_APPLICATION_CREDENTIALS: z.string().trim().optional()
    .describe("the path of the service account's JSON key file, downloaded from Google Cloud (IAM > Service accounts > Keys)"),
  GOOGLE_SERVICE_ACCOUNT_JSON: z.string().trim().optional()
    .describe("the whole JSON key of the service account, on one line (instead of GOOGLE_APPLICATION_CREDENTIALS)"),
  GOOGLE_SHEETS_API_URL: z.string().trim().default('https://sheets.googleapis.com/')
    .refine(isApiRoot, 'is not an API root address: it must be http(s)://host[:port]/ with no path, query or fragment (the Google client drops any path)')
    .describe('the Sheets API root, https://sheets.googleapis.com/ unless you run a local fake'),
  SHEETS_SYNC_SCHEDULE: z.string().trim().default('*/10 * * * *')
    // The scheduler's own parser, so a schedule accepted here is one the scheduler can run.
    .superRefine((value, ctx) => {
      const parsed = parseCron(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `is not a schedule the bot can run: ${parsed.reason}` });
    })
    .describe('a cron expression, e.g. */10 * * * * for every 10 minutes'),
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xoxb-\S+$/, 'is not a bot token').optional()
    .describe('the Bot User OAuth Token from your Slack app\'s "OAuth & Permissions" page: it starts xoxb-'),
  SLACK_SIGNING_SECRET: z.string().trim().regex(/^\S{8,}$/, 'is not a signing secret').optional()
    .describe('the Signing Secret from your Slack app\'s "Basic Information" page (App Credentials)'),
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-\S+$/, 'is not an app-level token').optional()
    .describe('an app-level token with the connections:write scope, from "Basic Information" > "App-Level Tokens": it starts xapp-. Only for Socket Mode'),
  SLACK_API_URL: z.string().trim().default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/api') ? `${url}/` : url))
    .refine(isApiBaseUrl, 'is not an http(s) URL ending in /api/')
    .describe('the base URL of the Slack Web API, ending in /api/ (default https://slack.com/api/; tests point it at a local fake)'),
  PORT: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(65535, 'must be 65535 or less').default(3000)
    .describe('the TCP port for Slack\'s requests (POST /slack/events) and GET /healthz, e.g. 3000'),
  DATABASE_URL: z.string().trim().refine(isPostgresUrl, 'is not a PostgreSQL URL').optional()
    .describe('a PostgreSQL URL, postgres://user:password@host:5432/dbname (postgresql:// also works; add ?sslmode=require for TLS), or nothing to use the JSON data file'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10)
    .describe('a whole number of database connections per replica, from 1 to 100'),
  REPLICA_NAME: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be letters, digits, dots, dashes or underscores (at most 63)').default(hostname())
    .describe('a name for this replica in logs, e.g. psw-bot-1 (letters, digits, dots, dashes, underscores)'),
});

type SettingName = keyof typeof configSchema.shape;

/** Settings whose value must never be echoed back in an error message or log. */
const SECRET_SETTINGS: ReadonlySet<SettingName> = new Set(['GOOGLE_SERVICE_ACCOUNT_JSON', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DATABASE_URL']);

/** A Google Cloud service account, as its JSON key describes it. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | undefined;
}

export interface SheetsConfig {
  /** Where networks sync when they have not chosen a spreadsheet of their own; null: only networks that have. */
  defaultSpreadsheetId: string | null;
  serviceAccount: ServiceAccountKey;
  /** Origin of the Sheets API with a trailing slash. */
  apiUrl: string;
}

/** How the bot talks to Slack; present only when both the bot token and the signing secret are set. */
export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Set: Socket Mode (no public URL needed). Unset: Slack sends HTTP requests to PORT. */
  appToken: string | undefined;
  apiUrl: string;
  port: number;
}

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
  /** Null when no service account is configured: the bot runs without Google Sheets. */
  sheets: SheetsConfig | null;
  /** When the sheets-sync job runs, whether or not Sheets is configured. */
  sheetsSyncSchedule: string;
  /** Null: no Slack settings, so `npm start` runs the local shell. */
  slack: SlackSettings | null;
  /** Set: the PostgreSQL store, for several replicas. Unset: the JSON data file. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  replicaName: string;
};

/** Settings in a .env file count as if they were in the environment; the environment wins. */
export function loadDotEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export type ReadTextFile = (path: string) => string;

export function loadConfig(env: Record<string, string | undefined>, readTextFile: ReadTextFile = (path) => readFileSync(path, 'utf8')): Config {
  // An empty value in .env means "not set", as most people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => problemLine(String(issue.path[0]) as SettingName, env, issue.message));
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
    sheets: sheetsConfig(c, env, readTextFile),
    sheetsSyncSchedule: c.SHEETS_SYNC_SCHEDULE,
    slack: slackSettings(c),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    replicaName: c.REPLICA_NAME,
  };
}

function problemLine(name: SettingName, env: Record<string, string | undefined>, message: string): string {
  const expected = configSchema.shape[name]?.description;
  // Secrets are never echoed back, not even into a terminal.
  const got = SECRET_SETTINGS.has(name) ? '(hidden)' : JSON.stringify(env[name]);
  return `- ${name}=${got} ${message}. Set it to ${expected ?? 'a valid value'} (see .env.example), or unset it to use the default.`;
}

function sheetsConfig(c: z.infer<typeof configSchema>, env: Record<string, string | undefined>, readTextFile: ReadTextFile): SheetsConfig | null {
  const spreadsheet = c.GOOGLE_SHEETS_SPREADSHEET_ID === undefined ? null : parseSpreadsheetId(c.GOOGLE_SHEETS_SPREADSHEET_ID);
  const keyFile = c.GOOGLE_APPLICATION_CREDENTIALS;
  const keyJson = c.GOOGLE_SERVICE_ACCOUNT_JSON;
  if (keyFile !== undefined && keyJson !== undefined) {
    throw new ConfigError('Invalid configuration:\n- GOOGLE_APPLICATION_CREDENTIALS and GOOGLE_SERVICE_ACCOUNT_JSON are both set. Set only one: the key file path, or the key itself (see .env.example).');
  }
  if (keyFile === undefined && keyJson === undefined) {
    if (spreadsheet === null) return null;
    throw new ConfigError('Invalid configuration:\n- GOOGLE_SHEETS_SPREADSHEET_ID is set but the bot has no Google service account to write with. Set GOOGLE_APPLICATION_CREDENTIALS to the path of the service account\'s JSON key file (or GOOGLE_SERVICE_ACCOUNT_JSON to the key itself), or unset GOOGLE_SHEETS_SPREADSHEET_ID to run without Google Sheets. README: "Connect to Google Sheets".');
  }
  const name: SettingName = keyFile !== undefined ? 'GOOGLE_APPLICATION_CREDENTIALS' : 'GOOGLE_SERVICE_ACCOUNT_JSON';
  let text: string;
  if (keyFile !== undefined) {
    try {
      text = readTextFile(keyFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError(`Invalid configuration:\n${problemLine(name, env, `cannot be read (${code})`)}`);
    }
  } else {
    text = keyJson!;
  }
  const key = parseServiceAccountKey(text);
  if (typeof key === 'string') throw new ConfigError(`Invalid configuration:\n${problemLine(name, env, key)}`);
  return {
    defaultSpreadsheetId: spreadsheet?.ok ? spreadsheet.id : null,
    serviceAccount: key,
    apiUrl: `${new URL(c.GOOGLE_SHEETS_API_URL).origin}/`,
  };
}

/** The key, or what is wrong with it (written to follow the setting's name). */
export function parseServiceAccountKey(text: string): ServiceAccountKey | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'is not a JSON key (it does not parse as JSON). Download a JSON key for the service account from Google Cloud';
  }
  const key = json as Record<string, unknown>;
  if (typeof key !== 'object' || key === null || key.type !== 'service_account') {
    return 'is not a service account key (its "type" is not "service_account"). Use a key of a service account, not an OAuth client or user credential';
  }
  if (typeof key.client_email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(key.client_email)) return 'is a service account key without a valid "client_email"';
  if (typeof key.private_key !== 'string') return 'is a service account key without a "private_key"';
  try {
    createPrivateKey(key.private_key);
  } catch {
    return 'has a "private_key" that is not a valid PEM private key. Download a fresh key';
  }
  return {
    clientEmail: key.client_email,
    privateKey: key.private_key,
    privateKeyId: typeof key.private_key_id === 'string' ? key.private_key_id : undefined,
  };
}

function isApiRoot(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  } catch {
    return false;
  }
}

/** Slack needs the token and the secret together; one without the other is a half-finished setup, not "no Slack". */
function slackSettings(c: z.infer<typeof configSchema>): SlackSettings | null {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = c;
  if (botToken === undefined && signingSecret === undefined) {
    if (appToken !== undefined) throw missing('SLACK_APP_TOKEN is set', ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    return null;
  }
  if (botToken === undefined) throw missing('SLACK_SIGNING_SECRET is set', ['SLACK_BOT_TOKEN']);
  if (signingSecret === undefined) throw missing('SLACK_BOT_TOKEN is set', ['SLACK_SIGNING_SECRET']);
  return { botToken, signingSecret, appToken, apiUrl: c.SLACK_API_URL, port: c.PORT };
}

function missing(because: string, names: SettingName[]): ConfigError {
  const lines = names.map((name) => `- ${name} is missing. Set it to ${configSchema.shape[name].description} (see .env.example and "Connect to Slack" in the README).`);
  return new ConfigError(`Incomplete Slack configuration: ${because}, so the bot would start in Slack, but it also needs:\n${lines.join('\n')}\nOr unset the Slack settings to run the local shell.`);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isApiBaseUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname.endsWith('/api/') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}
