import { runCommand } from '../../commands/dispatch.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandContext } from '../../commands/types.ts';
import { FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { silentLogger } from '../../src/logger.ts';
import { renderText } from '../../src/shell/render-text.ts';
import type { Store } from '../../src/store/store.ts';

/** Runs /psw lines as the shell would and returns the text replies. */
export function commandLine(store: Store, base: Partial<CommandContext> = {}) {
  return async (line: string, who: { userId?: string; channelId?: string; now?: Date } = {}): Promise<string> => {
    const ctx: CommandContext = {
      store,
      shippedFrameworks: new FrameworkCatalogue([]),
      now: new Date('2027-05-20T10:00:00+01:00'),
      timeZone: 'Europe/London',
      userId: 'ULEAD',
      channelId: 'CSW',
      log: silentLogger(),
      ...base,
      ...who,
    };
    return renderText(await runCommand(line, ctx, COMMANDS));
  };
}
