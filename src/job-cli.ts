import { loadDotEnvFile } from './config.ts';
import { runJobCli } from './run-job.ts';

/** `npm run job -- <name> [--now <ISO time>] [--dry-run]`: see src/run-job.ts. */
loadDotEnvFile();
const controller = new AbortController();
const stop = (): void => controller.abort();
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

runJobCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  clock: () => new Date(),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  },
  (error: unknown) => {
    process.stderr.write(`The job stopped on an unexpected error:\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
