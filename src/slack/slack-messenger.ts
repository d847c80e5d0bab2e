import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../commands/reply.ts';
import type { Logger } from '../logger.ts';
import { DeliveryError, type Messenger } from '../messaging/messenger.ts';
import { mentionsInHeadings, renderReply, type SlackMessage } from './render-blocks.ts';
import { slackErrorCode } from './slack-errors.ts';
import type { UserDirectory } from './user-directory.ts';

/** What a co-chair types to let the bot into a private channel. */
export const INVITE_HINT = 'A co-chair can invite me by typing `/invite @PSW Network Bot` in that channel.';

/**
 * How jobs and announcements reach people in Slack. Replies are rendered as
 * Block Kit (split into several messages when long) and sent with
 * chat.postMessage. A direct message is posted to the user's ID, which Slack
 * delivers in the app's Messages tab. Rate limits (429) are waited out by the
 * Web API client, which retries after Retry-After. Any other failure becomes
 * a DeliveryError carrying Slack's reason, so a job can log it and carry on.
 */
export class SlackMessenger implements Messenger {
  readonly #client: WebClient;
  readonly #users: UserDirectory;
  readonly #log: Logger;

  constructor(client: WebClient, users: UserDirectory, log: Logger) {
    this.#client = client;
    this.#users = users;
    this.#log = log.child({ component: 'slack-messenger' });
  }

  async postToChannel(channelId: string, reply: Reply): Promise<void> {
    for (const message of await this.#render(reply)) await this.#post(channelId, message, true);
  }

  async sendDirect(userId: string, reply: Reply): Promise<void> {
    for (const message of await this.#render(reply)) await this.#post(userId, message, false);
  }

  /** Block Kit messages for a reply, with names for the mentions Slack shows raw. */
  async #render(reply: Reply): Promise<ReturnType<typeof renderReply>> {
    return renderReply(reply, { names: await this.#users.displayNames(mentionsInHeadings(reply)) });
  }

  async #post(recipient: string, message: SlackMessage, joinIfNeeded: boolean): Promise<void> {
    try {
      await this.#client.chat.postMessage({ channel: recipient, text: message.text, blocks: message.blocks, unfurl_links: false });
      return;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== 'not_in_channel' || !joinIfNeeded) throw this.#failed(code, recipient);
    }
    await this.#join(recipient);
    try {
      await this.#client.chat.postMessage({ channel: recipient, text: message.text, blocks: message.blocks, unfurl_links: false });
    } catch (error) {
      throw this.#failed(slackErrorCode(error), recipient);
    }
  }

  /** Public channels can be joined without anyone's help; private ones need an invitation. */
  async #join(channelId: string): Promise<void> {
    try {
      await this.#client.conversations.join({ channel: channelId });
      this.#log.info({ channel: channelId }, 'joined a public channel to post in it');
    } catch (error) {
      const code = slackErrorCode(error);
      this.#log.warn({ channel: channelId, code }, 'could not join the channel to post in it');
      throw new DeliveryError('not_in_channel', channelId, `I could not post in <#${channelId}> because I am not a member of it and cannot join it myself (${code}). ${INVITE_HINT}`);
    }
  }

  #failed(code: string, recipient: string): DeliveryError {
    this.#log.warn({ recipient, code }, 'message not delivered');
    return new DeliveryError(code, recipient);
  }
}
