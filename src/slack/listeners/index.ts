import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerMarkDone } from './actions/mark-done.ts';
import { registerPaging } from './actions/page.ts';
import { registerSnooze } from './actions/snooze.ts';
import { registerUnknownActions } from './actions/unknown.ts';
import { registerUpdate } from './actions/update.ts';
import { registerPswCommand } from './commands/psw.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerEventDeduplication } from './events/dedupe-events.ts';
import { registerAddActionForm } from './views/add-action.ts';
import { registerUpdateActionForm } from './views/update-action.ts';

/** Every Slack listener, registered on one app. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerEventDeduplication(app, deps);
  registerPswCommand(app, deps);
  registerMarkDone(app, deps);
  registerSnooze(app, deps);
  registerUpdate(app, deps);
  registerPaging(app, deps);
  registerUnknownActions(app, deps);
  registerAddActionForm(app, deps);
  registerUpdateActionForm(app, deps);
  registerAppHomeOpened(app, deps);
}
