import type { Reply, ReplyBlock } from '../../commands/reply.ts';

/**
 * Renders a reply as plain text for a terminal. Slack-style markup in the
 * reply (mentions, *bold*, `code`) becomes readable plain text.
 */
export function renderText(reply: Reply): string {
  const body = reply.blocks.map(renderBlock).filter((b) => b !== '').join('\n');
  return reply.audience === 'channel' ? `${body}\n(posted to the channel)` : body;
}

const MAX_CELL = 48;

function renderBlock(block: ReplyBlock): string {
  switch (block.type) {
    case 'heading': return `== ${plain(block.text)} ==`;
    case 'text': return plain(block.text);
    case 'context': return `  ${plain(block.text)}`;
    case 'list': return block.items.map((i) => `  - ${plain(i)}`).join('\n');
    case 'fields': {
      const width = Math.max(...block.fields.map((f) => f.label.length));
      return block.fields.map((f) => `  ${f.label.padEnd(width)}  ${plain(f.value)}`).join('\n');
    }
    case 'table': return renderTable(block.columns, block.rows.map((r) => r.map(plain)));
    case 'action-buttons': return '';
    case 'error': return `Sorry: ${plain(block.text)}${block.usage ? `\nUsage: ${block.usage}` : ''}`;
  }
}

function renderTable(columns: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c) => ([...c].length > MAX_CELL ? `${[...c].slice(0, MAX_CELL - 1).join('')}…` : c)));
  const widths = columns.map((c, i) => Math.max([...c].length, ...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]): string => r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** <@U0AAA> and <@U0AAA|name> → @U0AAA; *bold* and `code` lose their marks. */
export function plain(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s:.,)])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}
