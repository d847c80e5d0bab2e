import type { App } from '@slack/bolt';
import { runCommand } from '../../../../commands/dispatch.ts';
import { answerFor } from '../../answers.ts';
import { commandContext, type SlackDeps } from '../../deps.ts';
import { ACTION, decodeValue, pageRefSchema } from '../../interaction-ids.ts';
import { readOnlyStore } from '../../request-guard.ts';
import { respondAll } from '../respond.ts';
import { afterAck, readClick, refuseClick } from './click.ts';

/**
 * Previous/Next page: runs the command again, read-only, and replaces the
 * message with the page asked for. Re-running shows the list as it is now;
 * a command that would change anything is refused by the read-only store.
 */
export function registerPaging(app: App, deps: SlackDeps): void {
  for (const control of [ACTION.nextPage, ACTION.previousPage]) {
    app.action(control, async ({ ack, body, payload, respond, client }) => {
      await ack();
      const tools = { deps, client, respond, log: deps.log.child({ frontEnd: 'slack', request: 'button', control }) };
      const click = readClick(body);
      const ref = decodeValue(pageRefSchema, 'value' in payload ? payload.value : undefined);
      if (!click?.channelId || !ref) {
        await refuseClick(tools, click, 'malformed-payload', 'That page button reached me damaged. Run the command again to see the list.');
        return;
      }
      const channelId = click.channelId;
      await afterAck(tools, click, async () => {
        const ctx = commandContext(deps, { userId: click.userId, channelId, store: readOnlyStore(deps.store), now: deps.clock() });
        const answer = await answerFor(await runCommand(ref.line, ctx, deps.commands), deps.users, { line: ref.line, page: ref.page });
        await respondAll(respond, answer, answer.messages, tools.log, { replace_original: true });
      });
    });
  }
}
