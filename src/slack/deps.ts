import type { CommandContext, CommandDefinition } from '../../commands/types.ts';
import type { Operation } from '../app/operation.ts';
import type { FrameworkCatalogue } from '../domain/frameworks.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import type { SlackMessenger } from './slack-messenger.ts';
import type { UserDirectory } from './user-directory.ts';

/** A timer that can be called off, so a finished request leaves nothing pending. */
export interface Deadline {
  reached: Promise<void>;
  cancel(): void;
}

/** Everything the Slack listeners use, injected: no module state, no wall clock. */
export interface SlackDeps {
  store: Store;
  shippedFrameworks: FrameworkCatalogue;
  timeZone: string;
  log: Logger;
  clock: () => Date;
  commands: readonly CommandDefinition[];
  users: UserDirectory;
  messenger: SlackMessenger;
  /**
   * A slash command answered within this many milliseconds is answered in
   * the acknowledgement itself; one that takes longer is acknowledged and
   * answered through its response_url. Slack allows 3 seconds.
   */
  ackBudgetMs: number;
  deadline: (ms: number) => Deadline;
  /** What else commands get in Slack (reminder defaults, the Sheets sync); read per command, since the sync is connected after start. */
  commandExtras?: () => Pick<CommandContext, 'reminderDefaults' | 'sheets'>;
}

export function realDeadline(ms: number): Deadline {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/** The context a command runs with for one Slack user in one channel. */
export function commandContext(deps: SlackDeps, who: { userId: string; channelId: string; store?: Store; now: Date }): CommandContext {
  // Commands log with the front end they came through; user and channel IDs are identifiers, not names.
  return {
    store: who.store ?? deps.store,
    shippedFrameworks: deps.shippedFrameworks,
    now: who.now,
    timeZone: deps.timeZone,
    userId: who.userId,
    channelId: who.channelId,
    log: deps.log.child({ frontEnd: 'slack', user: who.userId, channel: who.channelId }),
    ...deps.commandExtras?.(),
    // No readFile: a file path typed in Slack must never read the server's disk.
  };
}

/** Runs a use case in one transaction of `store` as this user, in this channel. */
export function runUseCase<T>(deps: SlackDeps, who: { userId: string; channelId: string; store?: Store; now: Date }, work: (op: Operation) => Promise<T>): Promise<T> {
  return (who.store ?? deps.store).transaction((tx) => work({
    tx, shippedFrameworks: deps.shippedFrameworks, now: who.now, timeZone: deps.timeZone, userId: who.userId, channelId: who.channelId,
  }));
}
