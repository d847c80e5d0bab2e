import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { JobDeps } from '../../jobs/types.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { frameworkFileSchema, FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { silentLogger } from '../../src/logger.ts';
import { MemoryMessenger } from './memory-messenger.ts';
import type { Messenger } from '../../src/messaging/messenger.ts';
import type { Runtime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { englandAndWales } from './bank-holidays.ts';

/** The shipped frameworks, read synchronously (they are JSON). */
export function shippedFrameworks(): FrameworkCatalogue {
  const dir = 'data/frameworks';
  return new FrameworkCatalogue(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => frameworkFileSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))));
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ MESSAGE_PACING_MS: '0', ...env });
}

export function testRuntime(store: Store = new MemoryStore(), config: Config = testConfig()): Runtime {
  return { config, log: silentLogger(), store, shippedFrameworks: shippedFrameworks(), bankHolidays: englandAndWales() };
}

export function jobDeps(runtime: Runtime, messenger: Messenger = new MemoryMessenger(), extra: Partial<JobDeps> = {}): JobDeps {
  return { ...runtime, messenger, clock: () => new Date('2027-05-27T08:00:30Z'), ...extra };
}
