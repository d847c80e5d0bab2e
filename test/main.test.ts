import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR } from './support/fixtures.ts';
import { useTestDatabase } from './support/postgres.ts';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

/** The bot as deployed: DATABASE_URL set, a replica name, stopped by SIGTERM. */
describe('the bot on PostgreSQL', () => {
  const db = useTestDatabase();

  it('answers commands, logs its replica name but never the database password, and stops cleanly on SIGTERM', async () => {
    const url = new URL(db.url);
    url.password = 'not-a-real-secret'; // the test server trusts local connections, so any password will do
    const bot = spawn(process.execPath, [MAIN], {
      env: { ...process.env, DATABASE_URL: url.toString(), REPLICA_NAME: 'boot-test', LOG_LEVEL: 'info', FRAMEWORKS_DIR },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let logs = '';
    bot.stderr.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => bot.on('exit', (code) => resolve(code)));
    const lines = createInterface({ input: bot.stdout })[Symbol.asyncIterator]();
    const replyContaining = async (text: string): Promise<void> => {
      for (;;) {
        const next = await lines.next();
        if (next.done) throw new Error(`the bot ended before saying "${text}". Its log:\n${logs}`);
        if (next.value.includes(text)) return;
      }
    };

    bot.stdin.write('/psw network link South West\n');
    await replyContaining('now linked to the South West PSW network');
    bot.stdin.write('/psw action add Audit s42 practice @U0AAA due:"Spring 2027" priority:CSW2122.1\n');
    await replyContaining('New action SW-1');

    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    const entries = logs.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.every((e) => e.replica === 'boot-test')).toBe(true);
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['database schema ready', 'started local shell', 'shutting down', 'store closed']));
    expect(entries.find((e) => e.msg === 'started local shell')).toMatchObject({ store: 'postgres' });
    expect(logs).not.toContain('not-a-real-secret');
  });
});
