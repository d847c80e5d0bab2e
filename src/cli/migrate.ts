import pg from 'pg';
import { runMigrations } from '../store/postgres-migrations.ts';
import { describeDatabase } from '../store/database-url.ts';
import { unavailableOr } from '../store/postgres-store.ts';
import { EXIT, runCli, say } from './run-cli.ts';

/**
 * `npm run migrate`: applies the PostgreSQL schema steps that are missing
 * and says where the schema stands. Safe to run any number of times, and
 * while replicas are running or starting: they take turns on a lock. The
 * bot also does this itself on start, so this is for release pipelines
 * that want the schema ready before the new replicas start.
 */
runCli(async (config, log) => {
  if (!config.databaseUrl) {
    say('DATABASE_URL is not set, so there is no database to migrate. (The JSON data file upgrades itself when the bot starts.)');
    return EXIT.config;
  }
  const where = describeDatabase(config.databaseUrl);
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1, application_name: `psw-bot migrate ${config.replicaName}`.slice(0, 63) });
  try {
    const outcome = await runMigrations(pool, log);
    say(outcome.applied.length > 0
      ? `Applied schema steps ${outcome.applied.join(', ')} to PostgreSQL at ${where}; the schema is now at step ${outcome.current}.`
      : `PostgreSQL at ${where} is up to date (schema step ${outcome.current}); nothing to apply.`);
    if (outcome.unknown.length > 0) say(`The database also has steps ${outcome.unknown.join(', ')}, from a newer release.`);
    return EXIT.ok;
  } catch (error) {
    throw unavailableOr(error, config.databaseUrl);
  } finally {
    await pool.end();
  }
});
