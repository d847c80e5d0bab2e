import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { JOBS } from '../jobs/index.ts';
import { jobReport } from '../jobs/shared.ts';
import type { Job, JobReport } from '../jobs/types.ts';
import { loadConfig } from './config.ts';
import { isLocalDate, zonedParts } from './domain/local-date.ts';
import { ConfigError, DataFileError } from './errors.ts';
import { createLogger, type Logger } from './logger.ts';
import { DeliveryInterrupted } from './messaging/deliver.ts';
import { createMessenger } from './messaging/create-messenger.ts';
import type { Messenger } from './messaging/messenger.ts';
import { TextMessenger } from './messaging/text-messenger.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { lockForJobs } from './scheduling/jobs-lock.ts';
import { DryRunStore } from './store/dry-run-store.ts';

export const EXIT = { ok: 0, runFailed: 1, usage: 2, busy: 75, cannotStart: 78 } as const;

export interface JobCliIo {
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** The real time: `now` when --now is not given, and the ledger's timestamps. */
  clock: () => Date;
  /** Aborted on SIGTERM/SIGINT: the run stops between two messages. */
  signal?: AbortSignal;
  jobs?: readonly Job[];
  /** Where real (not dry-run) messages go; the Slack seam in createMessenger by default. */
  messenger?: (runtime: Runtime, stdout: Writable) => Messenger;
  /** Replaces the JSON-file runtime (tests). */
  runtime?: (log: Logger) => Promise<Runtime>;
}

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

class UsageError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
  }
}

function usage(jobs: readonly Job[]): string {
  return [
    'Usage: npm run job -- <job> [--now <ISO time>] [--dry-run]',
    '',
    'Runs one scheduled job once, as if at --now (default: the current time), and exits.',
    '--now takes an ISO 8601 time with its offset, e.g. 2027-05-27T09:00:00+01:00 or 2027-05-27T08:00:00Z.',
    '--dry-run prints the messages that would be sent and sends, records and changes nothing.',
    'Messages already sent for that day (see the sent-message ledger) are not sent again.',
    '',
    'Jobs:',
    ...jobs.map((j) => `  ${j.name.padEnd(Math.max(...jobs.map((x) => x.name.length)))}  ${j.summary} (scheduled "${j.schedule}")`),
  ].join('\n');
}

interface Invocation {
  job: Job;
  now?: Date;
  dryRun: boolean;
}

const OPTIONS = { now: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const parseCommandLine = (argv: readonly string[]) => parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });

function parseInvocation(argv: readonly string[], jobs: readonly Job[]): Invocation | 'help' {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    throw new UsageError('bad-option', `${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}.`);
  }
  if (parsed.values.help) return 'help';
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) throw new UsageError('no-job', `Say which job to run: ${jobs.map((j) => j.name).join(', ')}.`);
  if (extra.length > 0) throw new UsageError('extra-arguments', `Run one job at a time; unexpected "${extra.join(' ')}".`);
  const job = jobs.find((j) => j.name === name.toLowerCase());
  if (!job) throw new UsageError('unknown-job', `There is no job "${name}". The jobs are: ${jobs.map((j) => j.name).join(', ')}.`);
  const invocation: Invocation = { job, dryRun: parsed.values['dry-run'] === true };
  if (parsed.values.now !== undefined) invocation.now = parseNow(parsed.values.now);
  return invocation;
}

function parseNow(text: string): Date {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  const instant = m ? new Date(text.trim()) : undefined;
  if (!m || !isLocalDate(m[1]!) || !instant || Number.isNaN(instant.getTime())) {
    throw new UsageError('bad-now', `--now "${text}" is not an ISO 8601 time with an offset. Write it like 2027-05-27T09:00:00+01:00 (UK summer time) or 2027-05-27T08:00:00Z (UTC).`);
  }
  return instant;
}

function describeWhen(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.day}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

function summary(job: string, when: string, report: Pick<JobReport, 'sent' | 'skipped' | 'failed'>, dryRun: boolean): string {
  return dryRun
    ? `Dry run of ${job} for ${when}: ${report.sent} message${report.sent === 1 ? '' : 's'} would be sent (shown above), ${report.skipped} skipped. Nothing was sent, recorded or changed.`
    : `${job} for ${when}: ${report.sent} sent, ${report.skipped} skipped, ${report.failed} failed.`;
}

/**
 * `npm run job -- <name> [--now <ISO time>] [--dry-run]`: runs one job once
 * and returns the exit code. Messages go to stdout (until Slack is
 * configured; see createMessenger); logs to stderr.
 */
export async function runJobCli(argv: readonly string[], io: JobCliIo): Promise<number> {
  const jobs = io.jobs ?? JOBS;
  let invocation: Invocation | 'help';
  try {
    invocation = parseInvocation(argv, jobs);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${usage(jobs)}\n`);
    logUsageError(io, error);
    return EXIT.usage;
  }
  if (invocation === 'help') {
    io.stdout.write(`${usage(jobs)}\n`);
    return EXIT.ok;
  }

  let runtime: Runtime;
  try {
    const config = loadConfig(io.env);
    const log = createLogger(config.logLevel, { component: 'job-cli' });
    runtime = io.runtime ? await io.runtime(log) : await createRuntime(config, log);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataFileError) {
      io.stderr.write(`The job cannot start.\n${error.message}\n`);
      return EXIT.cannotStart;
    }
    throw error;
  }

  const { job, dryRun } = invocation;
  const now = invocation.now ?? io.clock();
  const when = describeWhen(now, runtime.config.timeZone);
  const log = runtime.log.child({ job: job.name, dryRun });
  const deps = {
    ...runtime,
    store: dryRun ? new DryRunStore(runtime.store) : runtime.store,
    messenger: dryRun ? new TextMessenger(io.stdout) : (io.messenger ?? createMessenger)(runtime, io.stdout),
    clock: io.clock,
    ...(io.signal && { signal: io.signal }),
  };
  const locked = dryRun ? undefined : await lockForJobs(runtime);
  if (locked && !locked.acquired) {
    io.stderr.write(`Another process (pid ${locked.heldBy}) is running the scheduled jobs on ${runtime.config.dataFile}. Running ${job.name} from here too could send messages twice, so nothing was run. Use --dry-run to see what is due, or stop that process first.\n`);
    log.warn({ code: 'jobs-busy', heldBy: locked.heldBy }, 'job command refused');
    await runtime.store.close();
    return EXIT.busy;
  }
  try {
    log.info({ now: now.toISOString() }, 'job run from the command line');
    const report = await job.run(deps, now);
    io.stdout.write(`${summary(job.name, when, report, dryRun)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DeliveryInterrupted) {
      io.stdout.write(`${summary(job.name, when, jobReport(error.report), dryRun)}\n`);
      io.stderr.write(`${job.name} stopped early: ${error.message}.\n`);
      return EXIT.runFailed;
    }
    log.error({ err: error }, 'job run failed');
    io.stderr.write(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}. Nothing after the failure was sent; see the log above.\n`);
    return EXIT.runFailed;
  } finally {
    await locked?.lock.release();
    await runtime.store.close();
  }
}

/** Bad arguments are logged too (structured, at warn), once the log level can be known. */
function logUsageError(io: JobCliIo, error: UsageError): void {
  try {
    createLogger(loadConfig(io.env).logLevel, { component: 'job-cli' }).warn({ code: error.code }, 'job command refused');
  } catch {
    // A bad configuration is reported when the arguments are right; the usage message has been written already.
  }
}
