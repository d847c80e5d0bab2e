import { z } from 'zod';
import { ConfigError } from './errors.ts';

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
});

export type Config = {
  dataFile: string;
  timeZone: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  localUserId: string;
  frameworksDir: string;
};

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
