import { access, constants } from 'node:fs/promises';
import pg from 'pg';
import { describeDatabase } from '../store/database-url.ts';
import { reasonOf } from '../store/postgres-store.ts';
import { EXIT, runCli, say } from './run-cli.ts';

/**
 * The container's HEALTHCHECK: can this replica reach its store? With
 * DATABASE_URL, a SELECT 1 on a connection of its own (no schema steps, no
 * pool, three seconds at most); without, the JSON data file can be read and
 * written. Prints one line; exits 0 when healthy, 1 when not.
 *
 * It runs beside the bot, not inside it, so it cannot see a bot that is up
 * but stuck. When the HTTP front end serves /healthz (which asks the
 * running store, store.health()), the image should probe that instead.
 */
runCli(async (config) => {
  if (!config.databaseUrl) {
    try {
      await access(config.dataFile, constants.R_OK | constants.W_OK);
      say(`healthy: the JSON data file ${config.dataFile} can be read and written`);
      return EXIT.ok;
    } catch (error) {
      say(`unhealthy: the JSON data file ${config.dataFile} cannot be used (${reasonOf(error)})`);
      return EXIT.failed;
    }
  }
  const where = describeDatabase(config.databaseUrl);
  const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 3_000, statement_timeout: 3_000, application_name: `psw-bot healthcheck ${config.replicaName}`.slice(0, 63) });
  try {
    await client.connect();
    await client.query('SELECT 1');
    say(`healthy: PostgreSQL at ${where} answered`);
    return EXIT.ok;
  } catch (error) {
    say(`unhealthy: PostgreSQL at ${where} did not answer (${reasonOf(error)})`);
    return EXIT.failed;
  } finally {
    await client.end().catch(() => undefined);
  }
});
