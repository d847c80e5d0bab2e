import { verifySlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, SECRET, startHarness, type Harness } from './harness.ts';
import { commandBody, sendToApp, slackSignature } from './signed-requests.ts';

/**
 * Slack's published signing example ("Verifying requests from Slack",
 * docs.slack.dev/authentication/verifying-requests-from-slack; the same
 * values are the known-answer test of slackapi/python-slack-sdk's
 * tests/slack_sdk/signature/test_signature_verifier.py).
 */
const PUBLISHED = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe("Slack's published signing example", () => {
  it('is reproduced by the signing these tests use', () => {
    expect(slackSignature(PUBLISHED.secret, PUBLISHED.timestamp, PUBLISHED.body)).toBe(PUBLISHED.signature);
  });

  it('is accepted by the verification the app runs, at the time it was made', () => {
    const check = (body: string, signature: string): void => verifySlackRequest({
      signingSecret: PUBLISHED.secret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': PUBLISHED.timestamp },
      nowMilliseconds: (PUBLISHED.timestamp + 10) * 1000,
    });
    expect(() => check(PUBLISHED.body, PUBLISHED.signature)).not.toThrow();
    expect(() => check(`${PUBLISHED.body}x`, PUBLISHED.signature)).toThrow(/signature mismatch/);
    expect(() => check(PUBLISHED.body, PUBLISHED.signature.replace('a2114', 'a2115'))).toThrow(/signature mismatch/);
  });
});

describe('every request is verified before anything happens', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.slash('network link South West');
  });
  afterEach(async () => { await h.close(); });

  const addLine = 'action add Audit s42 practice <@UMEMBER1> due:"Spring 2028" priority:CSW2122.1';
  const body = (trigger: string): string => commandBody({ text: addLine, userId: 'UCHAIR1', channelId: CHANNEL, triggerId: trigger, responseUrl: h.fake.responseUrl(trigger) });

  it('takes a correctly signed request (the control for the refusals below)', async () => {
    const response = await sendToApp(h.url, body('good'), { secret: SECRET });
    expect(response.status).toBe(200);
    expect(await h.actions()).toHaveLength(1);
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const calls = h.fake.calls.length;
    const forged = await sendToApp(h.url, body('forged'), { secret: 'not-the-signing-secret' });
    const tampered = await sendToApp(h.url, body('tampered').replace('Audit', 'Audjt'), { secret: SECRET, signature: slackSignature(SECRET, Math.floor(Date.now() / 1000), body('tampered')) });
    expect(forged.status).toBe(401);
    expect(tampered.status).toBe(401);
    expect(await h.actions()).toHaveLength(0);
    expect(h.fake.calls.length).toBe(calls);
    expect(h.fake.responses).toHaveLength(0);
    expect(h.logs.withCode('bad-signature').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a missing signature with 401', async () => {
    const response = await sendToApp(h.url, body('unsigned'), { secret: SECRET, signature: null });
    expect(response.status).toBe(401);
    expect(await h.actions()).toHaveLength(0);
  });

  it('refuses a correctly signed request more than 5 minutes old (a replay) with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await sendToApp(h.url, body('stale'), { secret: SECRET, timestamp: sixMinutesAgo });
    expect(response.status).toBe(401);
    expect(await h.actions()).toHaveLength(0);
    expect(h.logs.withCode('bad-signature').some((l) => /stale/.test(String(l.msg)))).toBe(true);
  });

  it("refuses Slack's own published example replayed today: its signature is right but it is years old", async () => {
    const response = await sendToApp(h.url, PUBLISHED.body, { secret: PUBLISHED.secret, timestamp: PUBLISHED.timestamp, signature: PUBLISHED.signature });
    expect(response.status).toBe(401);
  });

  it('answers a signed but malformed payload (bad JSON) with 400, logs it without its content, and changes nothing', async () => {
    // JSON.parse quotes the text around the fault in its message; that text must not reach the log.
    const broken = `payload=${encodeURIComponent('{"type":"block_actions","note": Smithers}')}`;
    const response = await sendToApp(h.url, broken, { secret: SECRET });
    expect(response.status).toBe(400);
    expect(h.logs.withCode('malformed-payload')).toHaveLength(1);
    expect(h.logs.raw.join('')).not.toContain('Smithers');
    expect(await h.actions()).toHaveLength(0);
  });

  it('refuses a signed slash command that lacks the fields it relies on, with a clear reply and a log line', async () => {
    const partial = new URLSearchParams({ command: '/psw', text: addLine, channel_id: CHANNEL }).toString();
    const response = await sendToApp(h.url, partial, { secret: SECRET });
    expect(response.status).toBe(200);
    expect(response.json?.text).toMatch(/reached me incomplete, so nothing was done/);
    expect(h.logs.withCode('malformed-payload')).toHaveLength(1);
    expect(await h.actions()).toHaveLength(0);
  });
});
