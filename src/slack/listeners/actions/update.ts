import type { App } from '@slack/bolt';
import { locateAction } from '../../../app/actions.ts';
import { escapeMrkdwn } from '../../render-blocks.ts';
import type { SlackDeps } from '../../deps.ts';
import { ACTION, actionRefSchema, decodeValue } from '../../interaction-ids.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { updateActionModal } from '../../views/update-action-modal.ts';
import { afterAck, readClick, refuseClick } from './click.ts';

/**
 * Update: opens a form with the action's current values. Permission is
 * checked when the form is saved, by the same use case as
 * `/psw action update`.
 */
export function registerUpdate(app: App, deps: SlackDeps): void {
  app.action(ACTION.update, async ({ ack, body, payload, respond, client }) => {
    await ack();
    const tools = { deps, client, respond, log: deps.log.child({ frontEnd: 'slack', request: 'button', control: ACTION.update }) };
    const click = readClick(body);
    const ref = decodeValue(actionRefSchema, 'value' in payload ? payload.value : undefined);
    if (!click || !ref) {
      await refuseClick(tools, click, 'malformed-payload', 'That button reached me damaged, so nothing was changed. Use `/psw action update <ID> ...` instead.');
      return;
    }
    await afterAck(tools, click, async () => {
      const now = deps.clock();
      const located = await deps.store.transaction((tx) => locateAction(tx, ref.id, click.channelId));
      if (!located) {
        await refuseClick(tools, click, 'action-not-found', `There is no action ${escapeMrkdwn(ref.id)} any more, so there is nothing to update.`);
        return;
      }
      const stale = located.action.updatedAt !== ref.v;
      try {
        await client.views.open({
          trigger_id: click.triggerId,
          view: updateActionModal({
            action: located.action, channelId: located.channelId, now, timeZone: deps.timeZone, fromHome: click.fromHome,
            ...(stale && { notice: `${located.action.id} has changed since that message was posted; this form shows it as it is now.` }),
          }),
        });
        tools.log.info({ actionId: located.action.id, stale }, 'update form opened');
      } catch (error) {
        await refuseClick(tools, click, slackErrorCode(error), `I could not open the form (Slack said ${slackErrorCode(error)}). Try again, or use \`/psw action update ${located.action.id} ...\`.`);
      }
    });
  });
}
