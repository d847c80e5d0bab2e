import { loadConfig, loadDotEnvFile, type Config } from '../config.ts';
import { ConfigError, DatabaseUnavailableError, DataFileError, ImportRefusedError } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { describeDatabase } from '../store/database-url.ts';

/** Exit statuses, after sysexits.h: a usage mistake, an unusable service, a bad setting. */
export const EXIT = { ok: 0, failed: 1, usage: 64, dataError: 65, unavailable: 69, config: 78 } as const;

/** Writes a line for the person at the terminal (stdout may carry data, so this goes to stderr). */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Where the configured store keeps its data, in words safe to print. */
export function storeLabel(config: Config): string {
  return config.databaseUrl ? `PostgreSQL at ${describeDatabase(config.databaseUrl)}` : `the JSON data file ${config.dataFile}`;
}

/**
 * Runs a command-line tool (npm run migrate/export/import): settings are
 * read as the bot reads them, and each known failure ends with a message
 * and its own exit status instead of a stack trace.
 */
export function runCli(main: (config: Config, log: Logger) => Promise<number>): void {
  let config: Config;
  try {
    loadDotEnvFile();
    config = loadConfig(process.env);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exitCode = EXIT.config;
    return;
  }
  const log = createLogger(config.logLevel, { replica: config.replicaName });
  main(config, log).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        say(error.message);
        process.exitCode = EXIT.config;
      } else if (error instanceof DatabaseUnavailableError) {
        say(error.message);
        process.exitCode = EXIT.unavailable;
      } else if (error instanceof DataFileError || error instanceof ImportRefusedError) {
        say(error.message);
        process.exitCode = EXIT.dataError;
      } else {
        say(`Stopped on an unexpected error:\n${error instanceof Error ? error.stack : String(error)}`);
        process.exitCode = EXIT.failed;
      }
    },
  );
}
