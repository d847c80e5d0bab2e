import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { ACTION, actionRefSchema, decodeValue } from '../../interaction-ids.ts';
import { actOnAction, afterAck, readClick, refuseClick } from './click.ts';

/** Mark done: the same as `/psw action done <ID>` typed by whoever pressed it. */
export function registerMarkDone(app: App, deps: SlackDeps): void {
  app.action(ACTION.done, async ({ ack, body, payload, respond, client }) => {
    await ack();
    const tools = { deps, client, respond, log: deps.log.child({ frontEnd: 'slack', request: 'button', control: ACTION.done }) };
    const click = readClick(body);
    const ref = decodeValue(actionRefSchema, 'value' in payload ? payload.value : undefined);
    if (!click || !ref) {
      await refuseClick(tools, click, 'malformed-payload', 'That button reached me damaged, so nothing was changed. Use `/psw action done <ID>` instead.');
      return;
    }
    await afterAck(tools, click, () => actOnAction(tools, click, ref, (id) => `action done ${id}`));
  });
}
