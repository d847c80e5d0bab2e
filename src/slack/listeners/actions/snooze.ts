import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { ACTION, decodeValue, snoozeRefSchema, type SnoozeRef } from '../../interaction-ids.ts';
import { actOnAction, afterAck, readClick, refuseClick } from './click.ts';

const COMMAND_WORD: Record<SnoozeRef['l'], string> = { day: '1d', week: '1w', 'next-meeting': 'meeting' };

/** Snooze: the same as `/psw action snooze <ID> 1d|1w|meeting`. */
export function registerSnooze(app: App, deps: SlackDeps): void {
  app.action(ACTION.snooze, async ({ ack, body, payload, respond, client }) => {
    await ack();
    const tools = { deps, client, respond, log: deps.log.child({ frontEnd: 'slack', request: 'button', control: ACTION.snooze }) };
    const click = readClick(body);
    const chosen = 'selected_option' in payload ? (payload.selected_option as { value?: string } | null)?.value : undefined;
    const ref = decodeValue(snoozeRefSchema, chosen);
    if (!click || !ref) {
      await refuseClick(tools, click, 'malformed-payload', 'That snooze choice reached me damaged, so nothing was changed. Use `/psw action snooze <ID> 1w` instead.');
      return;
    }
    await afterAck(tools, click, () => actOnAction(tools, click, ref, (id) => `action snooze ${id} ${COMMAND_WORD[ref.l]}`));
  });
}
