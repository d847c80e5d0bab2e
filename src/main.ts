import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../commands/index.ts';
import { loadConfig } from './config.ts';
import { ConfigError, DataFileError } from './errors.ts';
import { createLogger } from './logger.ts';
import { TextMessenger } from './messaging/text-messenger.ts';
import { createRuntime } from './runtime.ts';
import { connectSheets } from './sheets/connect.ts';
import { runShell, LOCAL_CHANNEL_ID } from './shell/shell.ts';

/**
 * Entry point. With no chat service configured, the bot runs as a local
 * shell on the embedded JSON store: no accounts, no credentials.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const runtime = await createRuntime(config, log);
  const { store, shippedFrameworks } = runtime;
  // In the shell, messages the sync sends people (owners, co-chairs) are printed among the replies.
  const sheets = connectSheets(runtime, new TextMessenger(process.stdout));
  log.info({ store: 'json-file', frameworks: shippedFrameworks.all().length, sheets: sheets !== undefined }, 'started local shell');
  await runShell({
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    commands: COMMANDS,
    contextFor: () => ({
      store, shippedFrameworks, log, now: new Date(), timeZone: config.timeZone,
      userId: config.localUserId, channelId: LOCAL_CHANNEL_ID, readFile: (path) => readFile(path, 'utf8'),
      ...(sheets && { sheets }),
    }),
  });
  await store.close();
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
