import type { z } from 'zod';
import type { FrameworkCatalogue } from '../src/domain/frameworks.ts';
import type { ReminderSettings } from '../src/domain/reminders.ts';
import type { Logger } from '../src/logger.ts';
import type { SheetsSync } from '../src/sheets/sheets-sync.ts';
import type { Store } from '../src/store/store.ts';
import type { Reply } from './reply.ts';

/** Everything a command may use, injected by the front end that received it. */
export interface CommandContext {
  store: Store;
  /** Shipped frameworks; imported ones are added from the store. */
  shippedFrameworks: FrameworkCatalogue;
  now: Date;
  timeZone: string;
  userId: string;
  channelId: string;
  log: Logger;
  /** Reads a file a co-chair names (framework import). Absent where files cannot be read. */
  readFile?: (path: string) => Promise<string>;
  /** The deployment's reminder defaults (Config.reminderDefaults); the built-in ones when absent. */
  reminderDefaults?: ReminderSettings;
  /** The Google Sheets sync; absent when no service account is configured, and `/psw sync` then says how to set it up. */
  sheets?: SheetsSync;
}

export interface CommandDefinition<Args = unknown> {
  /** Words after /psw that select it, e.g. "action add". */
  name: string;
  summary: string;
  /** The syntax line, e.g. `action show <ID>`. */
  usage: string;
  /** Longer help: options, rules, examples. */
  details?: string[];
  examples: string[];
  /** `key:` options this command reads from the text. */
  optionKeys?: readonly string[];
  /** Turns the parsed text into typed arguments; a failure becomes a usage message. */
  args: z.ZodType<Args>;
  run(args: Args, ctx: CommandContext): Promise<Reply>;
}

/** Keeps Args checked at each definition while the registry holds them together. */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition {
  return definition;
}
