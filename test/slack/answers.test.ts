import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { announce, heading, list, reply } from '../../commands/reply.ts';
import { silentLogger } from '../../src/logger.ts';
import { answerFor, MAX_MESSAGES_PER_REQUEST } from '../../src/slack/answers.ts';
import { UserDirectory } from '../../src/slack/user-directory.ts';

// No heading here mentions anyone, so no name is ever looked up.
const users = new UserDirectory(new WebClient('xoxb-unused', { slackApiUrl: 'http://127.0.0.1:9/api/' }), () => new Date(0), silentLogger());
const items = (n: number): string[] => Array.from({ length: n }, (_, i) => `Item ${i + 1}: ${'words of an agenda line '.repeat(6)}`);

describe('answerFor', () => {
  it('pages a long reply for one person: the page asked for, with its controls', async () => {
    const answer = await answerFor(reply(heading('Long'), list(items(2000))), users, { line: '/psw agenda', page: 3 });
    expect(answer.responseType).toBe('ephemeral');
    expect(answer.messages).toHaveLength(1);
    expect(JSON.stringify(answer.messages[0]!.blocks)).toMatch(/Page 3 of \d+/);
  });

  it('shows the last page when asked for one past the end (the list has shrunk since)', async () => {
    const answer = await answerFor(reply(list(items(400))), users, { line: '/psw agenda', page: 999 });
    const [, total] = /Page (\d+) of (\d+)/.exec(JSON.stringify(answer.messages[0]!.blocks))!;
    expect(JSON.stringify(answer.messages[0]!.blocks)).toContain(`Page ${total} of ${total}`);
  });

  it('posts a long announcement whole, up to the five messages one request may post, and says what was left out', async () => {
    const answer = await answerFor(announce(heading('Huge agenda'), list(items(3000))), users);
    expect(answer.responseType).toBe('in_channel');
    expect(answer.messages).toHaveLength(MAX_MESSAGES_PER_REQUEST);
    expect(JSON.stringify(answer.messages.at(-1)!.blocks)).toMatch(/\d+ more parts were not posted here/);
    for (const m of answer.messages) expect(m.blocks.length).toBeLessThanOrEqual(50);
  });
});
