import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runJobCli } from '../../src/run-job.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { DONE_WHEN_NOW, doneWhenState } from '../support/scenario.ts';

/**
 * Each job run as `npm run job` does, with Slack configured: the real
 * SlackMessenger and @slack/web-api client, pointed at a local fake Slack
 * Web API that counts what arrives.
 */
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

let slack: FakeSlackApi;
beforeEach(async () => {
  slack = await FakeSlackApi.start();
});
afterEach(() => slack.close());

const quiet = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

async function dataFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-wiring-'));
  dirs.push(dir);
  const file = path.join(dir, 'psw.json');
  const state = doneWhenState();
  // South West meets fortnightly on Thursdays at 10:00, from 3 June 2027.
  state.networks[0] = { ...state.networks[0]!, meeting: { intervalWeeks: 2, weekday: 4, hour: 10, minute: 0, anchor: '2027-06-03' } };
  await writeFile(file, JSON.stringify(state));
  return file;
}

async function runJob(job: string, now: string, file: string): Promise<number> {
  return runJobCli([job, '--now', now], {
    stdout: quiet(), stderr: quiet(), clock: () => new Date(now),
    env: {
      DATA_FILE: file, LOG_LEVEL: 'silent', MESSAGE_PACING_MS: '0',
      SLACK_BOT_TOKEN: slack.validToken, SLACK_SIGNING_SECRET: 'test-signing-secret', SLACK_API_URL: slack.apiUrl,
    },
  });
}

const posts = (): { channel: string }[] => slack.callsTo('chat.postMessage').map((c) => c.params as { channel: string });

describe('jobs wired to Slack', () => {
  it('reminders: seven direct messages through chat.postMessage, and none on a second run', async () => {
    const file = await dataFile();
    expect(await runJob('reminders', DONE_WHEN_NOW, file)).toBe(EXIT.ok);
    expect(posts().map((p) => p.channel).sort()).toEqual(['UANNA', 'UBEN', 'UCAT', 'UCO2', 'UFAY', 'UGUS', 'ULEAD']);
    expect(await runJob('reminders', DONE_WHEN_NOW, file)).toBe(EXIT.ok);
    expect(posts()).toHaveLength(7);
  });

  it('agenda: posted once to the linked channel the working day before the meeting', async () => {
    const file = await dataFile();
    expect(await runJob('agenda', '2027-06-02T09:00:00+01:00', file)).toBe(EXIT.ok);
    expect(await runJob('agenda', '2027-06-02T09:00:00+01:00', file)).toBe(EXIT.ok);
    expect(posts().map((p) => p.channel)).toEqual(['CSW']);
  });

  it('digest: one message to each co-chair on Monday morning', async () => {
    const file = await dataFile();
    expect(await runJob('digest', '2027-05-24T08:30:00+01:00', file)).toBe(EXIT.ok);
    expect(posts().map((p) => p.channel).sort()).toEqual(['UCO2', 'ULEAD', 'UNWCHAIR']);
  });

  it('a person Slack does not know is logged and skipped; the others still get theirs', async () => {
    const file = await dataFile();
    slack.answerOnce('chat.postMessage', { body: { ok: false, error: 'user_not_found' } });
    await runJob('reminders', DONE_WHEN_NOW, file);
    expect(posts()).toHaveLength(7);
    // The refused one is released, so the next run tries that person again, and only them.
    expect(await runJob('reminders', DONE_WHEN_NOW, file)).toBe(EXIT.ok);
    expect(posts()).toHaveLength(8);
    expect(posts()[7]!.channel).toBe(posts()[0]!.channel);
  });
});
