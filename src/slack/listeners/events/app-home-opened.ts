import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from './publish-home.ts';

/** Opening the Home tab shows the person's open actions and next meetings as they are now. */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const log = deps.log.child({ frontEnd: 'slack', request: 'event', event: 'app_home_opened', user: event.user });
    await publishHome(deps, client, event.user, log);
  });
}
