import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

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
