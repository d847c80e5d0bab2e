import path from 'node:path';
import { COMMANDS } from '../commands/index.ts';
import { runCommand } from '../commands/dispatch.ts';
import type { Reply } from '../commands/reply.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import type { FrameworkCatalogue } from '../src/domain/frameworks.ts';
import { silentLogger } from '../src/logger.ts';
import { renderText } from '../src/shell/render-text.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import type { Store } from '../src/store/store.ts';

export const FRAMEWORKS_DIR = path.join(import.meta.dirname, '..', 'data', 'frameworks');

let shipped: Promise<FrameworkCatalogue> | undefined;
export function shippedFrameworks(): Promise<FrameworkCatalogue> {
  shipped ??= loadShippedFrameworks(FRAMEWORKS_DIR);
  return shipped;
}

export interface RunOptions {
  user?: string;
  channel?: string;
  now?: Date;
}

/** Drives the real command layer against a store, as any front end would. */
export class Harness {
  readonly store: Store;
  now: Date;
  user: string;
  channel: string;
  readonly #frameworks: FrameworkCatalogue;

  private constructor(store: Store, frameworks: FrameworkCatalogue, now: Date) {
    this.store = store;
    this.#frameworks = frameworks;
    this.now = now;
    this.user = 'UCHAIR';
    this.channel = 'CSOUTHWEST';
  }

  static async create(options: { store?: Store; now?: Date } = {}): Promise<Harness> {
    return new Harness(options.store ?? new MemoryStore(), await shippedFrameworks(), options.now ?? new Date('2027-05-27T09:00:00+01:00'));
  }

  reply(line: string, options: RunOptions = {}): Promise<Reply> {
    return runCommand(line, {
      store: this.store,
      shippedFrameworks: this.#frameworks,
      now: options.now ?? this.now,
      timeZone: 'Europe/London',
      userId: options.user ?? this.user,
      channelId: options.channel ?? this.channel,
      log: silentLogger(),
      readFile: (file) => import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')),
    }, COMMANDS);
  }

  async run(line: string, options: RunOptions = {}): Promise<string> {
    return renderText(await this.reply(line, options));
  }
}
