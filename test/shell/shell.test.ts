import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** Runs the real entry point, as `npm start` does, with piped input. */
function start(input: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('the local shell', () => {
  it('prints only replies on stdout, logs JSON on stderr, keeps state in DATA_FILE and exits 0 at end of input', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-shell-'));
    const env = { DATA_FILE: path.join(dir, 'psw.json'), LOCAL_USER_ID: 'U0CHAIR' };
    const first = await start('/psw network link South West\n/psw action add Audit s42 @U0AAA due:"Spring 2027" priority:CSW2122.1\n', env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^This channel is now linked to the South West PSW network/);
    expect(first.stdout).toContain('New action SW-1');
    expect(first.stdout).not.toContain('"level"');
    for (const line of first.stderr.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(first.stderr).not.toContain('U0AAA');

    const second = await start('/psw action list\n', env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('SW-1');
  });

  it('answers /psw help', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-shell-'));
    const { code, stdout } = await start('/psw help\n', { DATA_FILE: path.join(dir, 'psw.json') });
    expect(code).toBe(0);
    expect(stdout).toContain('== PSW Network Bot commands ==');
  });

  it('stops with a clear message on a bad setting', async () => {
    const { code, stdout, stderr } = await start('/psw help\n', { BOT_TIMEZONE: 'Mars/Olympus' });
    expect(code).toBe(78);
    expect(stdout).toBe('');
    expect(stderr).toContain('BOT_TIMEZONE="Mars/Olympus" is not a time zone');
  });

  it('stops on a corrupt data file and leaves it as it was', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-shell-'));
    const file = path.join(dir, 'psw.json');
    await writeFile(file, '{"schemaVersion":1,"networks":[');
    const { code, stderr } = await start('/psw network link South West\n', { DATA_FILE: file });
    expect(code).toBe(78);
    expect(stderr).toMatch(/psw\.json: is not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion":1,"networks":[');
  });
});
