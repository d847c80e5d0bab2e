import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from './slack/fake-slack-api.ts';

/**
 * `npm start` as a person runs it: src/main.ts in its own process, with
 * settings in the environment, against the local fake Slack API.
 */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function baseEnv(dataFile: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', DATA_FILE: dataFile, LOG_LEVEL: 'info' };
}

function startMain(env: Record<string, string>, input?: string): { done: Promise<Run>; stop: (signal: NodeJS.Signals) => void; onStderr: (pattern: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, ['src/main.ts'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    for (const w of [...watchers]) if (w.pattern.test(stderr)) { watchers.splice(watchers.indexOf(w), 1); w.resolve(); }
  });
  child.stdin.end(input ?? '');
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))),
    stop: (signal) => child.kill(signal),
    onStderr: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise((resolve) => watchers.push({ pattern, resolve }))),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'psw-boot-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const dataFile = (name: string): string => path.join(dataDir, `${name}.json`);

describe('npm start', () => {
  it('runs the local shell exactly as before when no Slack settings are given', async () => {
    const { done } = startMain(baseEnv(dataFile('shell')), '/psw help\n');
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('== PSW Network Bot commands ==');
    expect(run.stderr).toContain('"frontEnd":"shell"');
  });

  it('stops with exit code 78 and a message naming SLACK_SIGNING_SECRET when only the token is set', async () => {
    const run = await startMain({ ...baseEnv(dataFile('half')), SLACK_BOT_TOKEN: 'xoxb-only-half' }).done;
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/PSW Network Bot cannot start\.[\s\S]*SLACK_SIGNING_SECRET is missing/);
  });

  it('stops with exit code 78 and a message naming SLACK_BOT_TOKEN when Slack rejects the token', async () => {
    fake = await FakeSlackApi.start();
    const env = { ...baseEnv(dataFile('bad-token')), SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: 'a-signing-secret', SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()) };
    const run = await startMain(env).done;
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(run.stderr).not.toContain('xoxb-wrong');
  });

  it('serves Slack over HTTP on PORT with /healthz, logs which front end started, and stops cleanly on SIGTERM', async () => {
    fake = await FakeSlackApi.start();
    const port = await freePort();
    const env = { ...baseEnv(dataFile('slack')), SLACK_BOT_TOKEN: fake.validToken, SLACK_SIGNING_SECRET: 'a-signing-secret', SLACK_API_URL: fake.apiUrl, PORT: String(port) };
    const main = startMain(env);
    await main.onStderr(/started Slack front end \(HTTP\)/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, mode: 'http', store: { kind: 'json-file' } });
    main.stop('SIGTERM');
    const run = await main.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"reason":"SIGTERM"');
    expect(run.stderr).toContain('"msg":"shutting down"');
    expect(run.stderr).not.toContain(fake.validToken);
  });
});
