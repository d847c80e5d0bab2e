import { readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * One process at a time runs jobs against a JSON data file. The JSON-file
 * store belongs to one process: a second one (another `npm start`, or
 * `npm run job` while the bot runs) would keep its own copy of the
 * sent-message ledger, and could send a message the first had sent. So
 * the scheduler and the job command take this lock file beside the data
 * file; a lock left by a process that has died is taken over.
 */
export interface JobsLock {
  release(): Promise<void>;
}

export type LockResult = { acquired: true; lock: JobsLock } | { acquired: false; heldBy: number };

export function jobsLockPath(dataFile: string): string {
  return `${dataFile}.jobs.lock`;
}

export async function acquireJobsLock(dataFile: string, pid: number = process.pid): Promise<LockResult> {
  const file = jobsLockPath(dataFile);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify({ pid, since: new Date().toISOString() }), { flag: 'wx' });
      return { acquired: true, lock: { release: () => releaseIfOurs(file, pid) } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await holderOf(file);
    if (holder !== undefined && holder !== pid && isAlive(holder)) return { acquired: false, heldBy: holder };
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`Could not take the jobs lock ${file}; another process may be starting at the same moment. Try again.`);
}

async function holderOf(file: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseIfOurs(file: string, pid: number): Promise<void> {
  if ((await holderOf(file)) === pid) await unlink(file).catch(() => undefined);
}

/** The lock for the runtime's store: only the JSON-file store needs one; a shared database store coordinates through its own transactions. */
export async function lockForJobs(runtime: { store: { health(): Promise<{ kind: string }> }; config: { dataFile: string } }): Promise<LockResult> {
  if ((await runtime.store.health()).kind !== 'json-file') return { acquired: true, lock: { release: () => Promise.resolve() } };
  return acquireJobsLock(runtime.config.dataFile);
}
