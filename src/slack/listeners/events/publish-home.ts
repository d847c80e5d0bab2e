import type { WebClient } from '@slack/web-api';
import { homeOverview } from '../../../app/home.ts';
import type { Logger } from '../../../logger.ts';
import { homeView } from '../../app-home.ts';
import type { SlackDeps } from '../../deps.ts';
import { slackErrorCode } from '../../slack-errors.ts';

/** Builds and publishes one person's App Home. A failure is logged: the tab keeps its last version. */
export async function publishHome(deps: SlackDeps, client: WebClient, userId: string, log: Logger, notice?: string): Promise<boolean> {
  const now = deps.clock();
  const overview = await deps.store.transaction((tx) => homeOverview({ tx, userId, now, timeZone: deps.timeZone }));
  try {
    await client.views.publish({ user_id: userId, view: homeView(overview, { now, timeZone: deps.timeZone, ...(notice !== undefined && { notice }) }) });
    log.info({ actions: overview.actions.length }, 'app home published');
    return true;
  } catch (error) {
    log.warn({ code: slackErrorCode(error) }, 'could not publish the app home');
    return false;
  }
}
