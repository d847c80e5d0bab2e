import { describe, expect, it } from 'vitest';
import { announce, context, fields, heading, list, reply, table, text } from '../../commands/reply.ts';
import { ACTION } from '../../src/slack/interaction-ids.ts';
import { chunk, escapeMrkdwn, mentionsInHeadings, renderReply, SLACK_LIMITS, withPageControls, type SlackMessage } from '../../src/slack/render-blocks.ts';

type AnyBlock = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: { type: string; text?: unknown; action_id?: string; value?: string }[] };

function blocks(message: SlackMessage): AnyBlock[] {
  return message.blocks as AnyBlock[];
}

function allText(messages: SlackMessage[]): string {
  return messages.map((m) => JSON.stringify(m.blocks)).join('\n');
}

function expectWithinLimits(message: SlackMessage): void {
  const bs = blocks(message);
  expect(bs.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(JSON.stringify(bs).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
  for (const b of bs) {
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
  }
}

describe('renderReply', () => {
  it('renders each kind of reply block as its Block Kit counterpart', () => {
    const [message] = renderReply(reply(
      heading('South West PSW network'),
      text('Linked to *South West*.'),
      fields([['Owner', '<@U0AAA>'], ['Due', '31 May 2027']]),
      list(['first', 'second']),
      context('Use `/psw help`.'),
      { type: 'error', text: 'Not allowed.', usage: '/psw action add <title>' },
    ));
    expect(message!.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'South West PSW network' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Linked to *South West*.' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Owner*\n<@U0AAA>' }, { type: 'mrkdwn', text: '*Due*\n31 May 2027' }] },
      { type: 'section', text: { type: 'mrkdwn', text: '• first\n• second' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Use `/psw help`.' }] },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: Not allowed.' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Usage: `/psw action add &lt;title&gt;`' }] },
    ]);
    expect(message!.text).toBe('South West PSW network');
  });

  it('renders a table as readable text, a row to a paragraph, with RAG marked', () => {
    const [message] = renderReply(reply(table(['ID', 'Action', 'Owner', 'RAG'], [['SW-1', 'Audit', '<@U1>', 'Red'], ['SW-2', 'Plan', '<@U2>', 'Green']])));
    expect(blocks(message!)[0]!.text!.text).toBe('*SW-1* Audit\nOwner: <@U1> · RAG: :red_circle: Red\n\n*SW-2* Plan\nOwner: <@U2> · RAG: :large_green_circle: Green');
  });

  it('turns action-buttons into Mark done, Snooze and Update carrying the action and its version', () => {
    const [message] = renderReply(announce({ type: 'action-buttons', actionId: 'SW-4', updatedAt: '2027-05-27T08:00:00.000Z' }));
    const [block] = blocks(message!);
    expect(block!.elements!.map((e) => [e.type, e.action_id])).toEqual([['button', ACTION.done], ['static_select', ACTION.snooze], ['button', ACTION.update]]);
    expect(JSON.parse(block!.elements![0]!.value!)).toEqual({ id: 'SW-4', v: '2027-05-27T08:00:00.000Z' });
  });

  it('shows names in headers (plain text, where Slack shows mentions raw), and the ID when the name is unknown', () => {
    const r = reply(heading('Actions owned by <@U1> and <@U2>'));
    expect(mentionsInHeadings(r)).toEqual(['U1', 'U2']);
    expect(blocks(renderReply(r, { names: new Map([['U1', 'Jo Bloggs']]) })[0]!)[0]!.text!.text).toBe('Actions owned by @Jo Bloggs and @U2');
  });

  it('cuts a header to 150 characters', () => {
    const [message] = renderReply(reply(heading('x'.repeat(400))));
    expect([...blocks(message!)[0]!.text!.text]).toHaveLength(150);
  });

  it('splits long lists across sections of at most 3,000 characters and messages within Block Kit limits, losing nothing', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `SW-${i + 1} Review casefile audit findings with the quality assurance team and report to ADASS`);
    const messages = renderReply(reply(heading('All actions'), list(items)));
    expect(messages.length).toBeGreaterThan(5);
    messages.forEach(expectWithinLimits);
    const all = allText(messages);
    for (const item of items) expect(all).toContain(item);
    expect(blocks(messages[1]!)[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'All actions (continued)' } });
    expect(messages[0]!.text).toBe(`All actions (part 1 of ${messages.length})`);
  });

  it('keeps within the size limit when the text is full of characters JSON escapes (quotes, backslashes, tabs)', () => {
    const items = Array.from({ length: 600 }, (_, i) => `"Quoted" \\path\\${i}\t${'"'.repeat(40)}`);
    const messages = renderReply(reply(list(items)));
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(expectWithinLimits);
  });

  it('keeps within limits when a single item is longer than a section allows', () => {
    const huge = `${'word '.repeat(1500)}END`;
    const messages = renderReply(reply(list([huge])));
    messages.forEach(expectWithinLimits);
    expect(allText(messages)).toContain('END');
  });

  it('shows a field value too long for a field (over 2,000 characters) whole, as text', () => {
    const comment = `${'c'.repeat(2500)} END`;
    const messages = renderReply(reply(fields([['Owner', '<@U1>'], ['Drivers/comments', comment]])));
    messages.forEach(expectWithinLimits);
    expect(allText(messages)).toContain('END');
  });

  it('never ends a page with a heading', () => {
    const r = reply(...Array.from({ length: 60 }, (_, i) => [heading(`Theme ${i}`), text(`Body ${i}`)]).flat());
    for (const m of renderReply(r)) expect(blocks(m).at(-1)!.type).not.toBe('header');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so typed text cannot ping a channel or forge a link, but keeps user mentions', () => {
    expect(escapeMrkdwn('Tell <!channel> & <https://evil.example|click> about <@U0AAA> in <#C0BBB>')).toBe('Tell &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; about <@U0AAA> in <#C0BBB>');
    expect(escapeMrkdwn('<!here> <!subteam^S1> <#C1|general>')).toBe('&lt;!here&gt; &lt;!subteam^S1&gt; &lt;#C1|general&gt;');
  });
});

describe('withPageControls', () => {
  const page: SlackMessage = { text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] };

  it('adds Previous and Next buttons that carry the command and the page they show', () => {
    const controlled = withPageControls(page, 2, 3, '/psw action list');
    const actions = (controlled.blocks as AnyBlock[]).find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => [e.action_id, JSON.parse(e.value!) as unknown])).toEqual([
      [ACTION.previousPage, { line: '/psw action list', page: 1 }],
      [ACTION.nextPage, { line: '/psw action list', page: 3 }],
    ]);
  });

  it('leaves a single page alone', () => {
    expect(withPageControls(page, 1, 1, '/psw action list')).toBe(page);
  });

  it('explains how to narrow the list when the command is too long to fit in a button', () => {
    const controlled = withPageControls(page, 1, 2, `/psw action list ${'x'.repeat(2500)}`);
    expect(JSON.stringify(controlled.blocks)).toContain('too long to page through here');
    expect((controlled.blocks as AnyBlock[]).some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('chunk', () => {
  it('joins items up to the limit and breaks only between them', () => {
    expect(chunk(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa\nbbbb', 'cccc']);
  });
});
