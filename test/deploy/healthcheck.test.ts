import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ADMIN_URL } from '../support/postgres.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../../src/cli/healthcheck.ts');
const run = promisify(execFile);

async function healthcheck(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stderr } = await run(process.execPath, [SCRIPT], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env } });
    return { code: 0, output: stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe('the container health check', () => {
  it('is healthy when PostgreSQL answers', async () => {
    const result = await healthcheck({ DATABASE_URL: ADMIN_URL });
    expect(result).toMatchObject({ code: 0 });
    expect(result.output).toMatch(/^healthy: PostgreSQL at .* answered/);
  });

  it('is unhealthy, without showing the password, when it does not', async () => {
    const result = await healthcheck({ DATABASE_URL: 'postgres://psw:hunter2secret@127.0.0.1:1/psw' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('unhealthy: PostgreSQL at psw@127.0.0.1:1/psw did not answer');
    expect(result.output).not.toContain('hunter2secret');
  });

  it('checks the JSON data file when there is no database', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'psw-health-'));
    try {
      await writeFile(path.join(dir, 'psw.json'), '{}');
      expect(await healthcheck({ DATA_FILE: path.join(dir, 'psw.json') })).toMatchObject({ code: 0 });
      expect(await healthcheck({ DATA_FILE: path.join(dir, 'missing.json') })).toMatchObject({ code: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
