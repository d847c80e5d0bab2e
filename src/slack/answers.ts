import type { Reply } from '../../commands/reply.ts';
import type { ContextBlock } from '@slack/types';
import { mentionsInHeadings, renderReply, withPageControls, type SlackMessage } from './render-blocks.ts';
import type { UserDirectory } from './user-directory.ts';

/** A reply as Slack messages, and who sees them. */
export interface SlackAnswer {
  responseType: 'ephemeral' | 'in_channel';
  messages: SlackMessage[];
}

/** A response_url accepts five posts; a command's acknowledgement can carry the first. */
export const MAX_MESSAGES_PER_REQUEST = 5;

/**
 * How a reply goes back to Slack. A reply for one person that is too long
 * for one message is paged: the first page (or `page`) with Previous/Next
 * buttons that run `line` again. A reply for the channel is posted whole, as
 * several messages, up to what one request may post.
 */
export async function answerFor(reply: Reply, users: UserDirectory, paging?: { line: string; page: number }): Promise<SlackAnswer> {
  const names = await users.displayNames(mentionsInHeadings(reply));
  const pages = renderReply(reply, { names });
  if (reply.audience === 'user' && paging && pages.length > 1) {
    const page = Math.min(Math.max(1, paging.page), pages.length);
    return { responseType: 'ephemeral', messages: [withPageControls(pages[page - 1]!, page, pages.length, paging.line)] };
  }
  return { responseType: reply.audience === 'channel' ? 'in_channel' : 'ephemeral', messages: capped(pages) };
}

function capped(pages: SlackMessage[]): SlackMessage[] {
  if (pages.length <= MAX_MESSAGES_PER_REQUEST) return pages;
  const kept = pages.slice(0, MAX_MESSAGES_PER_REQUEST);
  const last = kept.at(-1)!;
  const note: ContextBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${pages.length - MAX_MESSAGES_PER_REQUEST} more parts were not posted here: Slack lets one request post ${MAX_MESSAGES_PER_REQUEST} messages.` }],
  };
  kept[kept.length - 1] = { ...last, blocks: [...last.blocks, note] };
  return kept;
}
