import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../commands/index.ts';
import { loadConfig, loadDotEnvFile } from './config.ts';
import { ConfigError, DataFileError } from './errors.ts';
import { createLogger } from './logger.ts';
import { createMessenger } from './messaging/create-messenger.ts';
import { TextMessenger } from './messaging/text-messenger.ts';
import { createRuntime } from './runtime.ts';
import { startJobs } from './scheduling/start.ts';
import { connectSheets } from './sheets/connect.ts';
import { runShell, LOCAL_CHANNEL_ID } from './shell/shell.ts';

/**
 * Entry point. With no chat service configured, the bot runs as a local
 * shell on the embedded JSON store: no accounts, no credentials. The
 * scheduled jobs run alongside unless JOBS_ENABLED=false; their messages are
 * printed in an interactive shell, and go to stderr when input is piped so
 * stdout carries only replies.
 */
async function main(): Promise<number> {
  loadDotEnvFile();
  const shutdown = new AbortController();
  const onSigterm = (): void => shutdown.abort();
  process.once('SIGTERM', onSigterm);
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const runtime = await createRuntime(config, log);
  const { store, shippedFrameworks } = runtime;
  const interactive = process.stdin.isTTY === true;
  // In the shell, messages the sync sends people (owners, co-chairs) are printed like the jobs' messages.
  const sheets = connectSheets(runtime, new TextMessenger(interactive ? process.stdout : process.stderr));
  log.info({ store: 'json-file', frameworks: shippedFrameworks.all().length, jobs: config.jobsEnabled, sheets: sheets !== undefined }, 'started local shell');
  const jobs = config.jobsEnabled ? await startJobs(runtime, createMessenger(runtime, interactive ? process.stdout : process.stderr)) : undefined;
  try {
    await runShell({
      input: process.stdin,
      output: process.stdout,
      interactive,
      commands: COMMANDS,
      signal: shutdown.signal,
      contextFor: () => ({
        store, shippedFrameworks, log, now: new Date(), timeZone: config.timeZone,
        userId: config.localUserId, channelId: LOCAL_CHANNEL_ID, readFile: (path) => readFile(path, 'utf8'),
        reminderDefaults: config.reminderDefaults,
        ...(sheets && { sheets }),
      }),
    });
  } finally {
    process.off('SIGTERM', onSigterm);
    await jobs?.stop();
    await store.close();
  }
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataFileError) {
      process.stderr.write(`PSW Network Bot cannot start.\n${error.message}\n`);
      process.exitCode = 78;
    } else {
      process.stderr.write(`PSW Network Bot stopped on an unexpected error:\n${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
