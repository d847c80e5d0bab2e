import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Reply, ReplyBlock } from '../../commands/reply.ts';
import { ACTION, encodeActionRef, encodePageRef, encodeSnoozeRef, SNOOZE_LENGTHS } from './interaction-ids.ts';

/**
 * Renders a platform-neutral Reply as Block Kit messages. Pure: names for
 * plain-text places are looked up beforehand and passed in.
 *
 * Slack refuses a message outright when it breaks a Block Kit limit, so a
 * long reply is split into several messages (pages) that each stay within
 * them, and nothing is cut: every line of the reply appears on some page.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  /**
   * Characters of block JSON in one message. Slack documents 40,000 for
   * text, but refuses blocks totalling about 13,000 characters
   * (msg_blocks_too_long, slackapi/bolt-js#2509), so pages stay well below.
   */
  messageChars: 11_000,
} as const;

/** Room every page keeps for a continued heading and the page controls. */
const RESERVED_BLOCKS = 3;
const RESERVED_CHARS = 1_200;
const FALLBACK_TEXT_MAX = 300;

export interface SlackMessage {
  /** Shown in notifications and where blocks cannot be; mrkdwn. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Display names for mentions in plain-text places (headers), from users.info. */
  names?: ReadonlyMap<string, string>;
}

const MENTION = /<@([UW][A-Z0-9]+)>/g;

/** User IDs mentioned in headings: the only places Slack shows a raw <@U…> instead of a name. */
export function mentionsInHeadings(reply: Reply): string[] {
  const ids = new Set<string>();
  for (const block of reply.blocks) {
    if (block.type === 'heading') for (const m of block.text.matchAll(MENTION)) ids.add(m[1]!);
  }
  return [...ids];
}

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const names = options.names ?? new Map<string, string>();
  const units = reply.blocks.flatMap((b) => renderBlock(b, names));
  const firstHeading = reply.blocks.find((b) => b.type === 'heading')?.text;
  const pages = pack(units);
  const summary = fallbackText(reply);
  return pages.map((blocks, i) => {
    const continued = i > 0 && firstHeading !== undefined ? [header(`${plainText(firstHeading, names)} (continued)`)] : [];
    const page = pages.length > 1 ? ` (part ${i + 1} of ${pages.length})` : '';
    return { text: `${summary}${page}`, blocks: [...continued, ...blocks] };
  });
}

/**
 * Adds "Page n of N" and Previous/Next buttons that run `line` again and
 * show another page. Without room for the line in a button, says how to
 * narrow the list instead.
 */
export function withPageControls(message: SlackMessage, page: number, total: number, line: string): SlackMessage {
  if (total <= 1) return message;
  const buttons = [
    ...(page > 1 ? [{ label: 'Previous page', page: page - 1 }] : []),
    ...(page < total ? [{ label: 'Next page', page: page + 1 }] : []),
  ].map((b) => ({ ...b, value: encodePageRef({ line, page: b.page }) }));
  const controls: KnownBlock[] = [contextBlock(`Page ${page} of ${total}`)];
  if (buttons.every((b) => b.value !== undefined)) {
    controls.push({
      type: 'actions',
      block_id: `psw_pages_${page}`,
      elements: buttons.map((b) => ({ type: 'button', action_id: b.page > page ? ACTION.nextPage : ACTION.previousPage, text: { type: 'plain_text', text: b.label }, value: b.value! })),
    });
  } else {
    controls.push(contextBlock('This command is too long to page through here: narrow it (for example `mine` or `status:`) to see the rest.'));
  }
  return { text: message.text, blocks: [...message.blocks, ...controls] };
}

interface Unit {
  block: KnownBlock;
  size: number;
}

function unit(block: KnownBlock): Unit {
  return { block, size: jsonSize(block) };
}

/**
 * An upper bound on the block's length as JSON, without writing the JSON:
 * a page is laid out from thousands of these. Text blocks (nearly all of a
 * long reply) are estimated from their text; others are measured exactly.
 */
function jsonSize(block: KnownBlock): number {
  if ((block.type !== 'section' && block.type !== 'header') || !block.text || ('fields' in block && block.fields)) return JSON.stringify(block).length;
  const { text } = block.text;
  return JSON.stringify({ ...block, text: { ...block.text, text: '' } }).length + escapedLength(text);
}

/** JSON writes ", \ and control characters as escapes of at most six characters (\u001f). */
function escapedLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) length += 5;
  }
  return length;
}

function renderBlock(block: ReplyBlock, names: ReadonlyMap<string, string>): Unit[] {
  switch (block.type) {
    case 'heading': return [unit(header(plainText(block.text, names)))];
    case 'text': return sections(escapeMrkdwn(block.text).split('\n'));
    case 'context': return chunk(escapeMrkdwn(block.text).split('\n'), SLACK_LIMITS.sectionText).map((t) => unit(contextBlock(t)));
    case 'list': return sections(block.items.map((item) => `• ${escapeMrkdwn(item)}`));
    case 'table': return tableSections(block.columns, block.rows);
    case 'fields': return fieldSections(block.fields);
    case 'error': return [
      ...sections(`:warning: ${escapeMrkdwn(block.text)}`.split('\n')),
      ...(block.usage ? [unit(contextBlock(`Usage: \`${escapeMrkdwn(block.usage)}\``))] : []),
    ];
    case 'action-buttons': return [unit(actionButtons(block.actionId, block.updatedAt))];
  }
}

/** Mark done, Snooze and Update for one action; values carry the version the message showed. */
export function actionButtons(actionId: string, updatedAt: string): ActionsBlock {
  const ref = { id: actionId, v: updatedAt };
  const snoozeLabels: Record<(typeof SNOOZE_LENGTHS)[number], string> = { day: '1 day', week: '1 week', 'next-meeting': 'Until the next meeting' };
  return {
    type: 'actions',
    elements: [
      { type: 'button', action_id: ACTION.done, style: 'primary', text: { type: 'plain_text', text: 'Mark done' }, value: encodeActionRef(ref) },
      {
        type: 'static_select',
        action_id: ACTION.snooze,
        placeholder: { type: 'plain_text', text: 'Snooze reminders' },
        options: SNOOZE_LENGTHS.map((l) => ({ text: { type: 'plain_text', text: snoozeLabels[l] }, value: encodeSnoozeRef({ ...ref, l }) })),
      },
      { type: 'button', action_id: ACTION.update, text: { type: 'plain_text', text: 'Update' }, value: encodeActionRef(ref) },
    ],
  };
}

const RAG_EMOJI: Record<string, string> = { Red: ':red_circle:', Amber: ':large_orange_circle:', Green: ':large_green_circle:' };

/**
 * Tables become readable text, a row to a paragraph: the first two columns
 * lead ("*SW-1* Audit s42 practice"), the rest follow as "Column: value".
 */
function tableSections(columns: string[], rows: string[][]): Unit[] {
  const labels = columns.map(escapeMrkdwn);
  const ragColumn = columns.indexOf('RAG');
  const paragraphs = rows.map((row) => {
    let paragraph = `*${escapeMrkdwn(row[0] ?? '')}* ${escapeMrkdwn(row[1] ?? '')}`;
    for (let i = 2; i < row.length; i++) {
      const cell = escapeMrkdwn(row[i]!);
      const emoji = i === ragColumn ? RAG_EMOJI[cell] : undefined;
      paragraph += `${i === 2 ? '\n' : ' · '}${labels[i] ?? ''}: ${emoji ? `${emoji} ` : ''}${cell}`;
    }
    return paragraph;
  });
  return chunk(paragraphs, SLACK_LIMITS.sectionText, '\n\n').map((t) => unit(section(t)));
}

function fieldSections(fields: { label: string; value: string }[]): Unit[] {
  const texts = fields.map((f) => `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value) || '—'}`);
  const fitting = texts.filter((t) => t.length <= SLACK_LIMITS.fieldText);
  const out: Unit[] = [];
  for (let i = 0; i < fitting.length; i += SLACK_LIMITS.fieldsPerSection) {
    const group = fitting.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    out.push(unit({ type: 'section', fields: group.map((text) => ({ type: 'mrkdwn', text })) }));
  }
  // A value too long for a field (a long comment) is shown whole as text below.
  for (const long of texts.filter((t) => t.length > SLACK_LIMITS.fieldText)) out.push(...sections(long.split('\n')));
  return out;
}

function sections(lines: string[]): Unit[] {
  return chunk(lines, SLACK_LIMITS.sectionText).map((t) => unit(section(t)));
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText) } };
}

function contextBlock(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/**
 * Joins items into texts of at most `max` characters, breaking only
 * between items; an item longer than `max` on its own is split at spaces.
 */
export function chunk(items: string[], max: number, joiner = '\n'): string[] {
  const out: string[] = [];
  let current = '';
  for (const whole of items) {
    for (const item of whole.length <= max ? [whole] : splitLong(whole, max)) {
      if (current === '') {
        current = item;
      } else if (current.length + joiner.length + item.length <= max) {
        current += joiner + item;
      } else {
        out.push(current);
        current = item;
      }
    }
  }
  if (current !== '') out.push(current);
  return out.length > 0 ? out : [' '];
}

function splitLong(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const at = space > max / 2 ? space : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest);
  return parts;
}

/** Fills pages in order without reordering; a heading never ends a page. */
function pack(units: Unit[]): KnownBlock[][] {
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - RESERVED_BLOCKS;
  const maxSize = SLACK_LIMITS.messageChars - RESERVED_CHARS;
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let size = 0;
  for (const u of units) {
    if (page.length > 0 && (page.length + 1 > maxBlocks || size + u.size > maxSize)) {
      const carried = page.at(-1)?.block.type === 'header' && page.length > 1 ? [page.pop()!] : [];
      pages.push(page);
      page = carried;
      size = carried.reduce((s, c) => s + c.size, 0);
    }
    page.push(u);
    size += u.size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages.map((p) => p.map((u) => u.block));
}

/**
 * Slack's mrkdwn treats &, < and > as control characters: "<!channel>" in
 * an action title would ping everyone. They are escaped everywhere except
 * in the user and channel references the bot writes on purpose (<@U…>,
 * <#C…>), which notify no one beyond the person named.
 */
export function escapeMrkdwn(text: string): string {
  if (!CONTROL_CHARACTER.test(text)) return text;
  return text.replace(MENTION_OR_CONTROL, (match) => ESCAPED[match] ?? match);
}

const CONTROL_CHARACTER = /[&<>]/;
const MENTION_OR_CONTROL = /<@[UW][A-Z0-9]+>|<#[CGD][A-Z0-9]+>|[&<>]/g;
const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** For plain_text places: mentions become "@Name" (or "@U0AAA" when the name is unknown); mrkdwn marks go. */
export function plainText(text: string, names: ReadonlyMap<string, string>): string {
  return text
    .replace(MENTION, (_m, id: string) => `@${names.get(id) ?? id}`)
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s:.,)])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

function fallbackText(reply: Reply): string {
  const lead = reply.blocks.find((b) => b.type === 'heading' || b.type === 'text' || b.type === 'error');
  const text = lead && 'text' in lead ? lead.text : 'PSW Network Bot';
  return truncate(escapeMrkdwn(text.split('\n')[0] ?? ''), FALLBACK_TEXT_MAX);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
