import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireJobsLock, jobsLockPath } from '../../src/scheduling/jobs-lock.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function dataFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-lock-'));
  dirs.push(dir);
  return path.join(dir, 'psw.json');
}

describe('the jobs lock beside a JSON data file', () => {
  it('lets one process hold it; another live process is refused and told who holds it', async () => {
    const file = await dataFile();
    const first = await acquireJobsLock(file, process.pid);
    expect(first.acquired).toBe(true);
    // The test runner's parent process stands in for a second bot that is alive.
    const second = await acquireJobsLock(file, process.ppid);
    expect(second).toEqual({ acquired: false, heldBy: process.pid });
    if (first.acquired) await first.lock.release();
    const third = await acquireJobsLock(file, process.ppid);
    expect(third.acquired).toBe(true);
  });

  it('takes over a lock left by a process that has died', async () => {
    const file = await dataFile();
    await writeFile(jobsLockPath(file), JSON.stringify({ pid: 2 ** 22 + 12345, since: '2027-05-27T08:00:00Z' }));
    const taken = await acquireJobsLock(file, process.pid);
    expect(taken.acquired).toBe(true);
    expect(JSON.parse(await readFile(jobsLockPath(file), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over an unreadable lock file', async () => {
    const file = await dataFile();
    await writeFile(jobsLockPath(file), 'garbage');
    expect((await acquireJobsLock(file)).acquired).toBe(true);
  });

  it('never releases a lock another process holds', async () => {
    const file = await dataFile();
    const mine = await acquireJobsLock(file, process.ppid);
    expect(mine.acquired).toBe(true);
    await writeFile(jobsLockPath(file), JSON.stringify({ pid: process.pid }));
    if (mine.acquired) await mine.lock.release();
    expect(JSON.parse(await readFile(jobsLockPath(file), 'utf8'))).toEqual({ pid: process.pid });
  });
});
