import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import type { SlackAnswer } from '../answers.ts';
import type { SlackMessage } from '../render-blocks.ts';

/** The body of an acknowledgement or response_url post for one message. */
export function responseBody(answer: SlackAnswer, message: SlackMessage, extra: { replace_original?: boolean } = {}): {
  response_type: 'ephemeral' | 'in_channel'; text: string; blocks: SlackMessage['blocks']; replace_original?: boolean;
} {
  return { response_type: answer.responseType, text: message.text, blocks: message.blocks, ...extra };
}

/**
 * Posts messages through the request's response_url, in order. A failure
 * (an expired URL, Slack refusing the blocks) is logged with Slack's status
 * and reported to the caller, which has nobody else to tell.
 */
export async function respondAll(respond: RespondFn | undefined, answer: SlackAnswer, messages: SlackMessage[], log: Logger, extra: { replace_original?: boolean } = {}): Promise<boolean> {
  if (!respond) {
    log.warn({ code: 'no-response-url' }, 'the request carried no response_url, so the reply could not be sent');
    return false;
  }
  for (const message of messages) {
    try {
      await respond(responseBody(answer, message, extra));
    } catch (error) {
      log.error({ code: 'response-url-failed', status: (error as { statusCode?: number }).statusCode }, 'could not post the reply through response_url');
      return false;
    }
  }
  return true;
}
