import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../commands/index.ts';
import { loadConfig, type SlackSettings } from './config.ts';
import { ConfigError, DataFileError } from './errors.ts';
import { createLogger } from './logger.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { runShell, LOCAL_CHANNEL_ID } from './shell/shell.ts';
import { startSlack } from './slack/create-app.ts';

/**
 * Entry point. With SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET set, the bot
 * serves Slack (over HTTP, or Socket Mode with SLACK_APP_TOKEN) until it is
 * sent SIGTERM or SIGINT. With no chat service configured it runs as a
 * local shell on the embedded JSON store: no accounts, no credentials.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const runtime = await createRuntime(config, log);
  if (config.slack) return runSlack(runtime, config.slack);
  const { store, shippedFrameworks } = runtime;
  log.info({ frontEnd: 'shell', store: 'json-file', frameworks: shippedFrameworks.all().length }, 'started local shell');
  await runShell({
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    commands: COMMANDS,
    contextFor: () => ({
      store, shippedFrameworks, log, now: new Date(), timeZone: config.timeZone,
      userId: config.localUserId, channelId: LOCAL_CHANNEL_ID, readFile: (path) => readFile(path, 'utf8'),
    }),
  });
  await store.close();
  return 0;
}

async function runSlack(runtime: Runtime, settings: SlackSettings): Promise<number> {
  const { store, shippedFrameworks, log, config } = runtime;
  const slack = await startSlack({
    settings, store, shippedFrameworks, log, timeZone: config.timeZone, commands: COMMANDS, clock: () => new Date(),
  });
  log.info({ frontEnd: 'slack', mode: slack.mode, port: slack.port }, `started Slack front end (${slack.mode === 'http' ? 'HTTP' : 'Socket Mode'})`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log.info({ signal }, 'stopping Slack front end');
  await slack.stop();
  await store.close();
  log.info({ frontEnd: 'slack' }, 'stopped');
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
