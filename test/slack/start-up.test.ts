import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { ConfigError } from '../../src/errors.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import { silentLogger } from '../../src/logger.ts';
import { startSlack } from '../../src/slack/create-app.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { startHarness, type Harness } from './harness.ts';

let fake: FakeSlackApi | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await fake?.close();
  await h?.close();
  fake = undefined;
  h = undefined;
});

async function start(token: string, apiUrl: string, appToken?: string): Promise<unknown> {
  return startSlack({
    settings: { botToken: token, signingSecret: 'a-signing-secret', appToken, apiUrl, port: 0 },
    store: new MemoryStore(), shippedFrameworks: await loadShippedFrameworks('data/frameworks'), timeZone: 'Europe/London',
    log: silentLogger(), commands: COMMANDS, clock: () => new Date(), retryConfig: { retries: 0 },
  });
}

describe('starting the Slack front end', () => {
  it('stops with a message naming SLACK_BOT_TOKEN when Slack rejects the token (auth.test: invalid_auth)', async () => {
    fake = await FakeSlackApi.start();
    const failure = await start('xoxb-revoked-or-mistyped', fake.apiUrl).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('stops with a message naming SLACK_API_URL when nothing answers there', async () => {
    fake = await FakeSlackApi.start();
    const deadUrl = fake.apiUrl;
    await fake.close();
    fake = undefined;
    const failure = await start('xoxb-anything', deadUrl).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/Could not reach the Slack Web API at SLACK_API_URL=/);
  });

  it('uses Socket Mode with SLACK_APP_TOKEN: it asks Slack for a socket with that token, and names the setting when Slack refuses it', async () => {
    fake = await FakeSlackApi.start();
    const failure = await start(fake.validToken, fake.apiUrl, 'xapp-1-refused').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
    const [open] = fake.callsTo('apps.connections.open');
    expect(open!.token).toBe('xapp-1-refused');
  });

  it('answers GET /healthz with 200 and the store state', async () => {
    h = await startHarness();
    const response = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, frontEnd: 'slack', mode: 'http', store: { ok: true, kind: 'memory' } });
  });

  it('answers 503 from /healthz when the store is unhealthy', async () => {
    h = await startHarness();
    h.store.health = () => Promise.resolve({ ok: false, kind: 'memory', detail: 'broken for the test' });
    const response = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(response.status).toBe(503);
  });
});
