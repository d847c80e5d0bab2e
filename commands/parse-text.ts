/**
 * Splits the text after a command's name into free text, user mentions and
 * `key:value` options. Only keys the command declares are taken as options,
 * so a title such as `Note: agree LPS plan` stays whole. Everything not taken
 * is kept exactly as typed: Unicode, quotes and punctuation included.
 */
export interface CommandInput {
  /** Free text, with options and mentions removed and spacing tidied. */
  text: string;
  /** User IDs in the order written: @U0AAA, <@U0AAA>, <@U0AAA|name>. */
  mentions: string[];
  /** Each declared key given, with every value given for it. */
  options: Record<string, string[]>;
}

/** Quote pairs people type; phones and word processors turn " into “ ”. */
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', "'": "'", '‘': '’' };

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|(?<![\w@])@([UW][A-Z0-9]{2,})(?![\w])/gu;

export function parseCommandText(raw: string, optionKeys: readonly string[]): CommandInput {
  const source = decodeSlackEntities(raw);
  const options: Record<string, string[]> = {};
  const taken: [number, number][] = [];

  const keys = optionKeys.map(escapeRegExp).join('|');
  if (keys) {
    const optionStart = new RegExp(`(?<![^\\s])(${keys}):`, 'giu');
    for (const m of source.matchAll(optionStart)) {
      const start = m.index;
      if (taken.some(([s, e]) => start >= s && start < e)) continue;
      const valueStart = start + m[0].length;
      const { value, end } = readValue(source, valueStart);
      const key = m[1]!.toLowerCase();
      (options[key] ??= []).push(value);
      taken.push([start, end]);
    }
  }

  const mentions: string[] = [];
  for (const m of source.matchAll(MENTION)) {
    if (taken.some(([s, e]) => m.index >= s && m.index < e)) continue;
    mentions.push((m[1] ?? m[2])!);
    taken.push([m.index, m.index + m[0].length]);
  }

  taken.sort((a, b) => a[0] - b[0]);
  let text = '';
  let cursor = 0;
  for (const [s, e] of taken) {
    text += `${source.slice(cursor, s)} `;
    cursor = Math.max(cursor, e);
  }
  text += source.slice(cursor);
  return { text: tidySpaces(text), mentions, options };
}

/** A value runs to the next space, unless it opens with a quote: then to the matching close quote. */
function readValue(source: string, from: number): { value: string; end: number } {
  const open = source[from];
  const close = open === undefined ? undefined : QUOTES[open];
  if (close !== undefined) {
    const closeAt = source.indexOf(close, from + 1);
    if (closeAt !== -1) return { value: source.slice(from + 1, closeAt), end: closeAt + 1 };
  }
  const spaceAt = source.slice(from).search(/\s/u);
  const end = spaceAt === -1 ? source.length : from + spaceAt;
  return { value: source.slice(from, end), end };
}

/** Slack escapes &, < and > in command text (should_escape); turn them back, except in mentions. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Collapses the gaps left where options were removed; keeps single spaces and all other characters. */
function tidySpaces(text: string): string {
  return text.replace(/[ \t]{2,}/g, ' ').replace(/[ \t]*\n[ \t]*/g, '\n').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits "CSW2122.1, PSW2123.1.3" or repeated options into codes. */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== '');
}
