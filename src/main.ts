import { readFile } from 'node:fs/promises';
import { COMMANDS } from '../commands/index.ts';
import { loadConfig } from './config.ts';
import { ConfigError, DatabaseUnavailableError, DataFileError } from './errors.ts';
import { createLogger } from './logger.ts';
import { createRuntime } from './runtime.ts';
import { runShell, LOCAL_CHANNEL_ID } from './shell/shell.ts';
import { Shutdown } from './shutdown.ts';

/**
 * Entry point. With no chat service configured, the bot runs as a local
 * shell on the embedded JSON store: no accounts, no credentials.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel, { replica: config.replicaName });
  const { store, shippedFrameworks } = await createRuntime(config, log);
  const shutdown = new Shutdown({ log }).add({ name: 'store', stop: () => store.close() });
  const stopListening = shutdown.listen();
  const health = await store.health();
  log.info({ store: health.kind, frameworks: shippedFrameworks.all().length }, 'started local shell');
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
  stopListening();
  await store.close();
  return 0;
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
