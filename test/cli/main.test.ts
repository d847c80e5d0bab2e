import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Runs `node src/main.ts` with piped input, as `printf '/psw help\n' | npm start` does. */
async function start(input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-main-'));
  dirs.push(dir);
  const began = Date.now();
  const child = spawn(process.execPath, ['src/main.ts'], { env: { ...process.env, DATA_FILE: path.join(dir, 'psw.json'), LOG_LEVEL: 'info', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, ms: Date.now() - began };
}

describe('npm start with piped input, the scheduler running alongside', () => {
  it('exits 0 promptly at the end of input and prints only replies on stdout', async () => {
    const run = await start('/psw help\n');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('== PSW Network Bot commands ==')).toBe(true);
    expect(run.stdout).toContain('/psw reminders set');
    expect(run.stdout).not.toMatch(/"level":/);
    expect(run.stderr).toContain('"msg":"scheduler started"');
    expect(run.stderr).toContain('"msg":"scheduler stopped"');
    expect(run.ms).toBeLessThan(15_000);
  });

  it('leaves the jobs to another live process that already runs them on the same data file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-main-'));
    dirs.push(dir);
    const file = path.join(dir, 'psw.json');
    await writeFile(`${file}.jobs.lock`, JSON.stringify({ pid: process.ppid }));
    const run = await start('/psw help\n', { DATA_FILE: file });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('another process runs the scheduled jobs on this data file; this one will not');
    expect(run.stderr).not.toContain('scheduler started');
  });

  it('does not start the scheduler with JOBS_ENABLED=false', async () => {
    const run = await start('/psw help\n', { JOBS_ENABLED: 'false' });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('scheduler started');
  });

  it('refuses a bad job setting at start, naming it', async () => {
    const run = await start('/psw help\n', { JOBS_ENABLED: 'sometimes' });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('JOBS_ENABLED="sometimes" is neither true nor false');
    expect(run.stdout).toBe('');
  });
});
