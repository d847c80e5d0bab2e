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
});

type ConfigKey = keyof typeof configSchema.shape;

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
  /** Null: no Slack settings, so `npm start` runs the local shell. */
  slack: SlackSettings | null;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value in .env means "not set", as most people expect.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const expected = configSchema.shape[name as ConfigKey]?.description;
      // Secrets are never echoed back, not even into a terminal.
      const got = SECRET_KEYS.has(name) ? '(hidden)' : JSON.stringify(env[name]);
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
    slack: slackSettings(c),
  };
}

const SECRET_KEYS = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']);

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

function missing(because: string, names: ConfigKey[]): ConfigError {
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
