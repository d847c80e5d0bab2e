import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { cronProblem } from './cron-expression.ts';
import { ConfigError } from './errors.ts';
import { parseSpreadsheetId } from './sheets/spreadsheet-id.ts';

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
    .superRefine((value, ctx) => {
      const problem = cronProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe('a cron expression, e.g. */10 * * * * for every 10 minutes'),
});

type SettingName = keyof typeof configSchema.shape;

/** Settings whose value must never be echoed back in an error message or log. */
const SECRET_SETTINGS: ReadonlySet<SettingName> = new Set(['GOOGLE_SERVICE_ACCOUNT_JSON']);

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

export type Config = {
  dataFile: string;
  timeZone: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  localUserId: string;
  frameworksDir: string;
  /** Null when no service account is configured: the bot runs without Google Sheets. */
  sheets: SheetsConfig | null;
  /** When the sheets-sync job runs, whether or not Sheets is configured. */
  sheetsSyncSchedule: string;
};

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
    sheets: sheetsConfig(c, env, readTextFile),
    sheetsSyncSchedule: c.SHEETS_SYNC_SCHEDULE,
  };
}

function problemLine(name: SettingName, env: Record<string, string | undefined>, message: string): string {
  const expected = configSchema.shape[name]?.description;
  const got = SECRET_SETTINGS.has(name) ? '(value hidden)' : JSON.stringify(env[name]);
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

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
