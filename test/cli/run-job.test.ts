import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LEDGER_KIND } from '../../src/messaging/ledger.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import { EXIT, runJobCli, type JobCliIo } from '../../src/run-job.ts';
import { jobsLockPath } from '../../src/scheduling/jobs-lock.ts';
import { DONE_WHEN_NOW, doneWhenState } from '../support/scenario.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function dataFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-job-cli-'));
  dirs.push(dir);
  const file = path.join(dir, 'psw.json');
  await writeFile(file, JSON.stringify(doneWhenState()));
  return file;
}

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

async function cli(args: string[], env: Record<string, string>, extra: Partial<JobCliIo> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runJobCli(args, {
    stdout, stderr, env: { LOG_LEVEL: 'silent', MESSAGE_PACING_MS: '0', ...env }, clock: () => new Date('2027-05-27T08:00:05Z'), ...extra,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const headers = (out: string): string[] => [...out.matchAll(/^\[(direct message to @\w+|to channel \w+)\]$/gm)].map((m) => m[1]!);

const EXPECTED_RECIPIENTS = ['UGUS', 'UANNA', 'UBEN', 'UCAT', 'UFAY', 'UCO2', 'ULEAD'].map((u) => `direct message to @${u}`);

describe('npm run job -- reminders --now 2027-05-27T09:00:00+01:00 (the "Done when")', () => {
  it('sends exactly the right messages once, and a second identical run sends none', async () => {
    const file = await dataFile();
    const first = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    expect(first.code).toBe(EXIT.ok);
    expect(headers(first.stdout)).toEqual(EXPECTED_RECIPIENTS);
    expect(first.stdout).toContain('reminders for 27/05/2027 09:00: 7 sent, 0 skipped, 0 failed.');
    const saved = JSON.parse(await readFile(file, 'utf8')) as { records: Record<string, Record<string, { state: string }>> };
    expect(Object.values(saved.records[LEDGER_KIND]!).map((e) => e.state)).toEqual(Array(7).fill('sent'));

    const second = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    expect(second.code).toBe(EXIT.ok);
    expect(headers(second.stdout)).toEqual([]);
    expect(second.stdout).toContain('reminders for 27/05/2027 09:00: 0 sent, 7 skipped, 0 failed.');
  });

  it('sends through the messenger it is given (where SlackMessenger will be)', async () => {
    const messenger = new MemoryMessenger();
    const run = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: await dataFile() }, { messenger: () => messenger });
    expect(run.code).toBe(EXIT.ok);
    expect(messenger.count).toBe(7);
    expect(headers(run.stdout)).toEqual([]);
  });

  it('--dry-run prints what would be sent, and sends, records and changes nothing', async () => {
    const file = await dataFile();
    const before = await readFile(file, 'utf8');
    const dry = await cli(['reminders', '--now', DONE_WHEN_NOW, '--dry-run'], { DATA_FILE: file });
    expect(dry.code).toBe(EXIT.ok);
    expect(headers(dry.stdout)).toEqual(EXPECTED_RECIPIENTS);
    expect(dry.stdout).toContain('Dry run of reminders for 27/05/2027 09:00: 7 messages would be sent (shown above), 0 skipped. Nothing was sent, recorded or changed.');
    expect(await readFile(file, 'utf8')).toBe(before);

    await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    const dryAfter = await cli(['reminders', '--now', DONE_WHEN_NOW, '--dry-run'], { DATA_FILE: file });
    expect(headers(dryAfter.stdout)).toEqual([]);
    expect(dryAfter.stdout).toContain('0 messages would be sent (shown above), 7 skipped');
  });

  it('a failing send stops the run with exit 1 and a partial report; the rerun sends the rest', async () => {
    const file = await dataFile();
    const broken = new MemoryMessenger({ failWith: (_to, attempt) => (attempt === 3 ? new Error('ECONNRESET') : undefined) });
    const failed = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file }, { messenger: () => broken });
    expect(failed.code).toBe(EXIT.runFailed);
    expect(failed.stdout).toContain('2 sent, 0 skipped, 1 failed.');
    expect(failed.stderr).toContain('reminders stopped early');
    const rerun = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    expect(headers(rerun.stdout)).toHaveLength(4);
    expect(rerun.stdout).toContain('4 sent, 2 skipped, 1 failed.');
  });
});

describe('npm run job while another process runs the jobs on the same data file', () => {
  it('refuses to run (it could send twice) but still allows a dry run', async () => {
    const file = await dataFile();
    // The test runner's parent process stands in for a running bot.
    await writeFile(jobsLockPath(file), JSON.stringify({ pid: process.ppid }));
    const before = await readFile(file, 'utf8');
    const run = await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    expect(run.code).toBe(EXIT.busy);
    expect(run.stderr).toContain(`Another process (pid ${process.ppid}) is running the scheduled jobs on ${file}.`);
    expect(headers(run.stdout)).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(before);
    const dry = await cli(['reminders', '--now', DONE_WHEN_NOW, '--dry-run'], { DATA_FILE: file });
    expect(headers(dry.stdout)).toHaveLength(7);
  });

  it('takes the lock for its run and gives it back', async () => {
    const file = await dataFile();
    await cli(['reminders', '--now', DONE_WHEN_NOW], { DATA_FILE: file });
    await expect(readFile(jobsLockPath(file), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});

describe('npm run job: bad input is refused clearly, and nothing is run', () => {
  it.each([
    [['remind'], 'There is no job "remind". The jobs are: reminders, agenda, digest, sheets-sync.'],
    [[], 'Say which job to run: reminders, agenda, digest, sheets-sync.'],
    [['reminders', 'agenda'], 'Run one job at a time; unexpected "agenda".'],
    [['reminders', '--now', '2027-05-27 09:00'], '--now "2027-05-27 09:00" is not an ISO 8601 time with an offset. Write it like 2027-05-27T09:00:00+01:00'],
    [['reminders', '--now', '2027-05-27T09:00:00'], 'is not an ISO 8601 time with an offset'],
    [['reminders', '--now', '2027-02-30T09:00:00Z'], '--now "2027-02-30T09:00:00Z" is not an ISO 8601 time'],
    [['reminders', '--now'], "Option '--now <value>' argument missing"],
    [['reminders', '--force'], "Unknown option '--force'"],
  ])('%j', async (args, message) => {
    const file = await dataFile();
    const before = await readFile(file, 'utf8');
    const run = await cli(args, { DATA_FILE: file });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run job -- <job> [--now <ISO time>] [--dry-run]');
    expect(run.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('--help lists the jobs', async () => {
    const run = await cli(['--help'], {});
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/reminders +Remind owners/);
    expect(run.stdout).toMatch(/sheets-sync +Sync each network/);
    expect(run.stdout).toContain('digest');
  });

  it('a bad setting stops it, naming the variable', async () => {
    const run = await cli(['reminders'], { DATA_FILE: await dataFile(), JOB_CATCH_UP_MINUTES: 'soon' });
    expect(run.code).toBe(EXIT.cannotStart);
    expect(run.stderr).toContain('JOB_CATCH_UP_MINUTES="soon" is not a whole number');
  });
});

describe('the job command as a process', () => {
  it('runs src/job-cli.ts: the first run sends seven messages, the second none', async () => {
    const file = await dataFile();
    const env = { ...process.env, DATA_FILE: file, LOG_LEVEL: 'silent', MESSAGE_PACING_MS: '0' };
    const run = (): ReturnType<typeof spawnSync> => spawnSync(process.execPath, ['src/job-cli.ts', 'reminders', '--now', DONE_WHEN_NOW], { env, encoding: 'utf8' });
    const first = run();
    expect(first.status).toBe(0);
    expect(headers(String(first.stdout))).toEqual(EXPECTED_RECIPIENTS);
    const second = run();
    expect(second.status).toBe(0);
    expect(headers(String(second.stdout))).toEqual([]);
    expect(String(second.stdout)).toContain('0 sent, 7 skipped, 0 failed.');
  });
});
