import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { ACTION } from '../../interaction-ids.ts';
import { readClick, refuseClick } from './click.ts';

const KNOWN = Object.values(ACTION).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * Any other control (an old message from an earlier version, a hand-made
 * payload): acknowledged, so Slack shows no error, and answered plainly.
 */
export function registerUnknownActions(app: App, deps: SlackDeps): void {
  app.action(new RegExp(`^(?!(?:${KNOWN.join('|')})$)`), async ({ ack, body, payload, respond, client }) => {
    await ack();
    const actionId = 'action_id' in payload ? String(payload.action_id).slice(0, 100) : 'none';
    const log = deps.log.child({ frontEnd: 'slack', request: 'button', control: actionId });
    await refuseClick({ deps, client, respond, log }, readClick(body), 'unknown-action', 'That button is not one I recognise (it may come from an older version of the bot), so nothing was changed. `/psw help` lists what I can do.');
  });
}
