import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announce, heading, list, reply, text } from '../../commands/reply.ts';
import { silentLogger } from '../../src/logger.ts';
import { DeliveryError } from '../../src/messaging/messenger.ts';
import { SLACK_LIMITS } from '../../src/slack/render-blocks.ts';
import { SlackMessenger } from '../../src/slack/slack-messenger.ts';
import { UserDirectory } from '../../src/slack/user-directory.ts';
import { FakeSlackApi } from './fake-slack-api.ts';

let fake: FakeSlackApi;
let messenger: SlackMessenger;
beforeEach(async () => {
  fake = await FakeSlackApi.start();
  // The real client, pointed at the fake; retries quick so the tests stay fast.
  const client = new WebClient(fake.validToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
  messenger = new SlackMessenger(client, new UserDirectory(client, () => new Date('2027-05-27T09:00:00Z'), silentLogger()), silentLogger());
});
afterEach(async () => {
  await fake.close();
});

const reminder = reply(text('*SW-3* is due on 31 May 2027.'));

async function deliveryError(promise: Promise<void>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('expected a DeliveryError');
}

describe('SlackMessenger', () => {
  it("posts to a channel with chat.postMessage, form-encoded with the blocks JSON-encoded, as Slack's API takes them", async () => {
    await messenger.postToChannel('CSW', announce(text('The agenda is out.')));
    const [post] = fake.callsTo('chat.postMessage');
    expect(post!.contentType).toBe('application/x-www-form-urlencoded');
    expect(post!.token).toBe(fake.validToken);
    expect(post!.params).toMatchObject({ channel: 'CSW', text: 'The agenda is out.' });
    expect(post!.params.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'The agenda is out.' } }]);
  });

  it('sends a direct message by posting to the user ID', async () => {
    await messenger.sendDirect('UMEMBER1', reminder);
    expect(fake.callsTo('chat.postMessage')[0]!.params.channel).toBe('UMEMBER1');
  });

  it("turns Slack's refusal into a DeliveryError carrying Slack's code", async () => {
    fake.answerOnce('chat.postMessage', { body: { ok: false, error: 'user_not_found' } });
    const error = await deliveryError(messenger.sendDirect('UGONE', reminder));
    expect(error.code).toBe('user_not_found');
    expect(error.recipient).toBe('UGONE');
  });

  it('waits out a 429 for its Retry-After and delivers the message exactly once', async () => {
    fake.answerOnce('chat.postMessage', { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } });
    await messenger.postToChannel('CSW', reminder);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.params).toEqual(calls[1]!.params);
  });

  it('joins a public channel it is not in, then posts', async () => {
    fake.notInChannel.add('CPUBLIC');
    fake.joinable.add('CPUBLIC');
    await messenger.postToChannel('CPUBLIC', reminder);
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'conversations.join', 'chat.postMessage']);
  });

  it('tells the co-chair how to invite it to a private channel it cannot join', async () => {
    fake.notInChannel.add('GPRIVATE');
    const error = await deliveryError(messenger.postToChannel('GPRIVATE', reminder));
    expect(error.code).toBe('not_in_channel');
    expect(error.message).toContain('/invite @PSW Network Bot');
  });

  it('splits a long reply into several messages, each within Block Kit limits', async () => {
    const long = reply(heading('All actions'), list(Array.from({ length: 400 }, (_, i) => `SW-${i + 1} Review the casefile audit findings with the quality assurance team`)));
    await messenger.postToChannel('CSW', long);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) {
      const blocks = post.params.blocks as unknown[];
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
    }
    const all = posts.map((p) => JSON.stringify(p.params.blocks)).join('');
    for (const n of [1, 200, 400]) expect(all).toContain(`SW-${n} Review`);
  });
});
