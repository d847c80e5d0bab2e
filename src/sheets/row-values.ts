import {
  ACTION_STATUSES, isLive, isOverdue, ragOf, type Action, type ActionStatus, type HistoryEntry, type Rag,
} from '../domain/actions.ts';
import { formatUkNumericDate, localDateAt } from '../domain/local-date.ts';
import type { Network } from '../domain/networks.ts';
import { ACTION_LAYOUT, SUMMARY_LAYOUT, type CellValue } from './sheet-layout.ts';

/**
 * What the bot's cells say: an action's row, a network's Summary row, and
 * the words for statuses. Pure; `now` and the zone are arguments.
 */

/** Who history entries made by the sync are attributed to. */
export const SHEET_AUTHOR = 'google-sheet';

export const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  open: 'Open', 'in-progress': 'In progress', blocked: 'Blocked', done: 'Done', dropped: 'Dropped',
};
const RAG_LABELS: Readonly<Record<Rag, string>> = { red: 'Red', amber: 'Amber', green: 'Green' };
/** What the Status of a row whose action no longer exists says. */
export const REMOVED_LABEL = 'Removed';

/** Accepts "Done", "in progress", "In_Progress", "blocked". */
export function parseStatusText(text: string): ActionStatus | undefined {
  const normal = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return ACTION_STATUSES.find((s) => s === normal);
}

/** What a network tab row says about an action, in layout order. */
export function actionRowValues(action: Action, now: Date, timeZone: string, priorityTitle: (code: string) => string | undefined): CellValue[] {
  const rag = ragOf(action, now, timeZone).rag;
  const byKey: Record<string, CellValue> = {
    id: action.id,
    priority: action.priorities.map((code) => {
      const title = priorityTitle(code);
      return title ? `${code} ${title}` : code;
    }).join('\n'),
    activity: action.title,
    owner: `@${action.owner}`,
    resources: action.resources,
    timescale: action.timescale.phrase,
    due: action.timescale.due ? { date: action.timescale.due } : '',
    status: STATUS_LABELS[action.status],
    rag: rag ? RAG_LABELS[rag] : '',
    lastUpdate: lastUpdateText(action, timeZone),
    comments: action.comments,
  };
  return ACTION_LAYOUT.columns.map((c) => clip(byKey[c.key]!));
}

/** Google Sheets holds at most 50,000 characters in a cell. */
const MAX_CELL_TEXT = 50_000;

function clip(value: CellValue): CellValue {
  return typeof value === 'string' && value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
}

/**
 * "28/11/2026: Head of Safeguarding consulted". Notes the sync itself adds
 * (text kept from the sheet) are left out, so that keeping them does not
 * change the row again.
 */
export function lastUpdateText(action: Action, timeZone: string): string {
  const entry = [...action.history].reverse().find((h) => !(h.by === SHEET_AUTHOR && h.changes.length === 0)) ?? action.history[0];
  if (!entry) return '';
  const date = formatUkNumericDate(localDateAt(new Date(entry.at), timeZone));
  return `${date}: ${describeEntry(entry)}`;
}

function describeEntry(entry: HistoryEntry): string {
  if (entry.kind === 'created') return 'added';
  if (entry.by !== SHEET_AUTHOR && entry.note) return entry.note;
  const changes = entry.changes.map((c) => `${c.field} ${c.from || '—'} → ${c.to || '—'}`).join('; ');
  return entry.by === SHEET_AUTHOR ? `${changes} (in the Google Sheet)` : changes;
}


/** A network's line on the Summary tab, in layout order. `gaps`: codes of priorities with no live action. */
export function summaryRowValues(network: Network, actions: readonly Action[], gaps: readonly string[], now: Date, timeZone: string): CellValue[] {
  const today = localDateAt(now, timeZone);
  const count = (test: (a: Action) => boolean): number => actions.filter(test).length;
  const rags = actions.map((a) => ragOf(a, now, timeZone).rag);
  const byKey: Record<string, CellValue> = {
    network: network.name,
    actions: actions.length,
    open: count((a) => a.status === 'open'),
    inProgress: count((a) => a.status === 'in-progress'),
    blocked: count((a) => a.status === 'blocked'),
    done: count((a) => a.status === 'done'),
    dropped: count((a) => a.status === 'dropped'),
    red: rags.filter((r) => r === 'red').length,
    amber: rags.filter((r) => r === 'amber').length,
    green: rags.filter((r) => r === 'green').length,
    overdue: count((a) => isLive(a.status) && isOverdue(a, today)),
    gapCount: gaps.length,
    gaps: gaps.join(', '),
  };
  return SUMMARY_LAYOUT.columns.map((c) => byKey[c.key]!);
}


/** A short, stable hash (53-bit cyrb53) of a cell's text, for the last-synced record. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
