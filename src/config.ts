import { hostname } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { isPostgresUrl } from './store/database-url.ts';

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
  DATABASE_URL: z.string().trim().refine(isPostgresUrl, 'is not a PostgreSQL URL').optional()
    .describe('a PostgreSQL URL, postgres://user:password@host:5432/dbname (postgresql:// also works; add ?sslmode=require for TLS), or nothing to use the JSON data file'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10)
    .describe('a whole number of database connections per replica, from 1 to 100'),
  REPLICA_NAME: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be letters, digits, dots, dashes or underscores (at most 63)').default(hostname())
    .describe('a name for this replica in logs, e.g. psw-bot-1 (letters, digits, dots, dashes, underscores)'),
});

/** Settings whose values may hold a password: messages name them but never show the value. */
const SECRET_SETTINGS = new Set(['DATABASE_URL']);

export type Config = {
  dataFile: string;
  timeZone: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  localUserId: string;
  frameworksDir: string;
  /** Set: the PostgreSQL store, for several replicas. Unset: the JSON data file. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  replicaName: string;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set", as most people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const expected = configSchema.shape[name as keyof typeof configSchema.shape]?.description;
      const got = SECRET_SETTINGS.has(name) ? '(value not shown: it may hold a password)' : JSON.stringify(env[name]);
      return `- ${name}=${got} ${issue.message}. Set it to ${expected ?? 'a valid value'} (see .env.example), or unset it to use the default.`;
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
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    replicaName: c.REPLICA_NAME,
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
