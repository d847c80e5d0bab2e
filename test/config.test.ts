import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

describe('loadConfig', () => {
  it('has defaults that run the local shell with no settings at all', () => {
    expect(loadConfig({})).toMatchObject({
      dataFile: 'data/psw.json', timeZone: 'Europe/London', logLevel: 'info', localUserId: 'ULOCAL', frameworksDir: 'data/frameworks',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ BOT_TIMEZONE: '', DATA_FILE: '  ' }).timeZone).toBe('Europe/London');
  });

  it.each([
    ['BOT_TIMEZONE', 'Europe/Londn', /BOT_TIMEZONE="Europe\/Londn" is not a time zone the runtime knows\. Set it to an IANA time zone name/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" .*Set it to one of fatal, error, warn, info, debug, trace, silent/],
    ['LOCAL_USER_ID', 'alice', /LOCAL_USER_ID="alice" must look like a Slack user ID/],
  ])('stops on a bad %s, naming it and how to fix it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('job settings', () => {
  it('have defaults', () => {
    expect(loadConfig({})).toMatchObject({
      bankHolidaysFile: 'data/bank-holidays/england-and-wales.json',
      jobsEnabled: true,
      jobCatchUpMinutes: 60,
      reminderDefaults: { daysBefore: 3, escalateAfter: 5, time: { hour: 9, minute: 0 } },
      messagePacingMs: 1000,
    });
  });

  it('are read from the environment', () => {
    expect(loadConfig({ JOBS_ENABLED: 'FALSE', JOB_CATCH_UP_MINUTES: '0', REMINDER_DAYS_BEFORE: '0', REMINDER_ESCALATE_AFTER: '10', REMINDER_TIME: '7:45', MESSAGE_PACING_MS: '0' })).toMatchObject({
      jobsEnabled: false, jobCatchUpMinutes: 0, reminderDefaults: { daysBefore: 0, escalateAfter: 10, time: { hour: 7, minute: 45 } }, messagePacingMs: 0,
    });
  });

  it.each([
    ['JOBS_ENABLED', 'yes', 'is neither true nor false'],
    ['JOB_CATCH_UP_MINUTES', '-5', 'is not a whole number'],
    ['JOB_CATCH_UP_MINUTES', '1441', 'is out of range (0 to 1440)'],
    ['REMINDER_DAYS_BEFORE', '21', 'is out of range (0 to 20)'],
    ['REMINDER_ESCALATE_AFTER', 'five', 'is not a whole number'],
    ['REMINDER_TIME', '9am', 'is not a 24-hour time'],
    ['MESSAGE_PACING_MS', '1.5', 'is not a whole number'],
  ])('a bad %s (%j) stops start-up, naming the setting and how to fix it', (name, value, problem) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(`${name}=${JSON.stringify(value)} ${problem}. Set it to`);
  });
});

const TOKEN = 'xoxb-1234-5678-abcdef';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Slack settings', () => {
  it('are absent without a token and secret, so the local shell runs', () => {
    expect(loadConfig({}).slack).toBeNull();
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '  ' }).slack).toBeNull();
  });

  it('select Slack over HTTP on PORT (3000 by default) with the token and secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET }).slack).toEqual({
      botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: 'https://slack.com/api/', port: 3000,
    });
  });

  it('select Socket Mode with an app-level token too', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }).slack?.appToken).toBe('xapp-1-A1-2-abc');
  });

  it('refuse a token without the secret, and the reverse, naming what is missing', () => {
    expect(failure({ SLACK_BOT_TOKEN: TOKEN })).toMatch(/SLACK_BOT_TOKEN is set[\s\S]*- SLACK_SIGNING_SECRET is missing\. Set it to the Signing Secret/);
    expect(failure({ SLACK_SIGNING_SECRET: SECRET })).toMatch(/- SLACK_BOT_TOKEN is missing\. Set it to the Bot User OAuth Token/);
    expect(failure({ SLACK_APP_TOKEN: 'xapp-1' })).toMatch(/SLACK_BOT_TOKEN is missing[\s\S]*SLACK_SIGNING_SECRET is missing/);
  });

  it('refuse a malformed token, naming the setting without echoing the secret', () => {
    const message = failure({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret-value', SLACK_SIGNING_SECRET: SECRET });
    expect(message).toMatch(/SLACK_BOT_TOKEN=\(hidden\) is not a bot token/);
    expect(message).not.toContain('secret-value');
  });

  it('take SLACK_API_URL ending in /api/ (adding the slash when it ends in /api) and refuse other URLs', () => {
    const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET };
    expect(loadConfig({ ...env, SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slack?.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(failure({ ...env, SLACK_API_URL: 'http://127.0.0.1:9999/' })).toMatch(/SLACK_API_URL="http:\/\/127\.0\.0\.1:9999\/" is not an http\(s\) URL ending in \/api\//);
  });

  it('refuse a PORT that is not a port number', () => {
    expect(failure({ PORT: '70000' })).toMatch(/PORT="70000" must be 65535 or less/);
    expect(failure({ PORT: 'eighty' })).toMatch(/PORT="eighty"/);
  });
});
