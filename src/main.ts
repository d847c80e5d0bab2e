import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../commands/index.ts';
import { loadConfig, loadDotEnvFile, type SlackSettings } from './config.ts';
import { ConfigError, DatabaseUnavailableError, DataFileError } from './errors.ts';
import { createLogger } from './logger.ts';
import { createMessenger, paced } from './messaging/create-messenger.ts';
import { TextMessenger } from './messaging/text-messenger.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { startJobs } from './scheduling/start.ts';
import { connectSheets } from './sheets/connect.ts';
import type { SheetsSync } from './sheets/sheets-sync.ts';
import { runShell, LOCAL_CHANNEL_ID } from './shell/shell.ts';
import { Shutdown } from './shutdown.ts';
import { startSlack } from './slack/create-app.ts';

/**
 * Entry point. With SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET set, the bot
 * serves Slack (over HTTP, or Socket Mode with SLACK_APP_TOKEN) until it is
 * sent SIGTERM or SIGINT. With no chat service configured it runs as a
 * local shell on the embedded JSON store: no accounts, no credentials. The
 * scheduled jobs run alongside unless JOBS_ENABLED=false; in the shell their
 * messages are printed, and go to stderr when input is piped so stdout
 * carries only replies.
 */
async function main(): Promise<number> {
  loadDotEnvFile();
  const shutdown = new AbortController();
  const onSigterm = (): void => shutdown.abort();
  process.once('SIGTERM', onSigterm);
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel, { replica: config.replicaName });
  const runtime = await createRuntime(config, log);
  if (config.slack) {
    process.off('SIGTERM', onSigterm);
    return runSlack(runtime, config.slack);
  }
  const { store, shippedFrameworks } = runtime;
  const interactive = process.stdin.isTTY === true;
  // In the shell, messages the sync sends people (owners, co-chairs) are printed like the jobs' messages.
  const sheets = connectSheets(runtime, new TextMessenger(interactive ? process.stdout : process.stderr));
  log.info({ frontEnd: 'shell', store: (await store.health()).kind, frameworks: shippedFrameworks.all().length, jobs: config.jobsEnabled, sheets: sheets !== undefined }, 'started local shell');
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
    if (shutdown.signal.aborted) log.info({ reason: 'SIGTERM' }, 'shutting down');
    await jobs?.stop();
    await store.close();
    log.info('store closed');
  }
  return 0;
}

async function runSlack(runtime: Runtime, settings: SlackSettings): Promise<number> {
  const { store, shippedFrameworks, log, config } = runtime;
  // Connected once Slack is up, since the sync tells people things through the front end's messenger.
  const connected: { sheets?: SheetsSync } = {};
  const slack = await startSlack({
    settings, store, shippedFrameworks, log, timeZone: config.timeZone, commands: COMMANDS, clock: () => new Date(),
    commandExtras: () => ({ reminderDefaults: config.reminderDefaults, ...(connected.sheets && { sheets: connected.sheets }) }),
  });
  // The sync and the jobs reach people through the front end's own messenger: one client, one name cache.
  const sheets = connectSheets(runtime, slack.messenger);
  if (sheets) connected.sheets = sheets;
  const jobs = config.jobsEnabled ? await startJobs(runtime, paced(slack.messenger, runtime)) : undefined;
  log.info({ frontEnd: 'slack', mode: slack.mode, port: slack.port, jobs: config.jobsEnabled, sheets: sheets !== undefined }, `started Slack front end (${slack.mode === 'http' ? 'HTTP' : 'Socket Mode'})`);
  // On SIGTERM or SIGINT: stop taking requests, then stop the jobs between two messages, then let the store finish and let go.
  new Shutdown({ log })
    .add({ name: 'slack', stop: () => slack.stop() })
    .add({ name: 'jobs', stop: async () => { await jobs?.stop(); } })
    .add({ name: 'store', stop: () => store.close() })
    .listen();
  return new Promise<number>(() => undefined);
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataFileError) {
      process.stderr.write(`PSW Network Bot cannot start.\n${error.message}\n`);
      process.exitCode = 78;
    } else if (error instanceof DatabaseUnavailableError) {
      process.stderr.write(`PSW Network Bot cannot start.\n${error.message}\n`);
      process.exitCode = 69;
    } else {
      process.stderr.write(`PSW Network Bot stopped on an unexpected error:\n${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
