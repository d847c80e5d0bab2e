import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('database settings', () => {
  it('use the JSON data file when DATABASE_URL is unset or empty', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each(['postgres://psw:secret@db.internal:5432/psw', 'postgresql://psw@127.0.0.1/psw?sslmode=require'])('accept %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each(['mysql://psw:hunter2@db/psw', 'db.internal:5432/psw', 'postgres://psw:hunter2@db.internal:5432'])('stop start-up on %s, naming the setting but never showing its value', (url) => {
    const message = configError({ DATABASE_URL: url });
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('is not a PostgreSQL URL');
    expect(message).toContain('postgres://user:password@host:5432/dbname');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('db.internal');
  });

  it('size the pool from DATABASE_POOL_SIZE, 10 by default', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '4' }).databasePoolSize).toBe(4);
    expect(configError({ DATABASE_POOL_SIZE: 'lots' })).toContain('DATABASE_POOL_SIZE');
  });

  it('name the replica after the host unless REPLICA_NAME says otherwise', () => {
    expect(loadConfig({}).replicaName).toBe(hostname());
    expect(loadConfig({ REPLICA_NAME: 'psw-bot-2' }).replicaName).toBe('psw-bot-2');
    expect(configError({ REPLICA_NAME: 'two words' })).toContain('REPLICA_NAME');
  });
});
