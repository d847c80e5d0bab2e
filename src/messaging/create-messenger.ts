import type { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import type { Runtime } from '../runtime.ts';
import { PRODUCTION_RETRIES } from '../slack/create-app.ts';
import { SlackMessenger } from '../slack/slack-messenger.ts';
import { UserDirectory } from '../slack/user-directory.ts';
import type { Messenger } from './messenger.ts';
import { PacedMessenger } from './paced-messenger.ts';
import { TextMessenger } from './text-messenger.ts';

/**
 * The messenger scheduled jobs send through, paced to MESSAGE_PACING_MS per
 * channel or person: Slack when it is configured (its client waits out 429s
 * and Slack's refusals become DeliveryError), otherwise text printed to `out`.
 * The running bot passes the Slack front end's own messenger instead, so the
 * jobs share its client and name cache.
 */
export function createMessenger(runtime: Runtime, out: Writable): Messenger {
  const slack = runtime.config.slack;
  if (!slack) return paced(new TextMessenger(out), runtime);
  const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: PRODUCTION_RETRIES, timeout: 10_000 });
  return paced(new SlackMessenger(client, new UserDirectory(client, () => new Date(), runtime.log), runtime.log), runtime);
}

export function paced(messenger: Messenger, runtime: Pick<Runtime, 'config'>): Messenger {
  return runtime.config.messagePacingMs > 0 ? new PacedMessenger(messenger, runtime.config.messagePacingMs) : messenger;
}
