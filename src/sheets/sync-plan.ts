import type { sheets_v4 } from '@googleapis/sheets';
import { actionNumber, normaliseActionId, updateAction, type Action, type ActionStatus } from '../domain/actions.ts';
import type { Network } from '../domain/networks.ts';
import { actionRowValues, hashText, parseStatusText, REMOVED_LABEL, SHEET_AUTHOR, STATUS_LABELS, summaryRowValues } from './row-values.ts';
import { ACTION_LAYOUT, canonicalCell, canonicalValue, columnIndexOf, SUMMARY_LAYOUT, SUMMARY_TAB_TITLE, type CellValue } from './sheet-layout.ts';
import type { SnapshotCell, SpreadsheetSnapshot } from './snapshot.ts';
import { appendRows, cellAt, cellRuns, prepareTab, ragRules, SheetIdAllocator, statusValidation } from './tab-requests.ts';

/**
 * The sync's decisions, as a pure function: the spreadsheet as read plus the
 * bot's actions in, the one batch of writes plus what to record and tell
 * people out. No I/O, no clock: `now` is an argument.
 *
 * Rows are matched by action ID, never by position, so people may sort,
 * filter and insert rows, and add columns of their own, which the bot never
 * writes to. Status is two-way; every other column is the bot's, and text a
 * person typed over it is kept in the action's history before it is replaced.
 */

/** What the bot last wrote to a network's tab: per action, a hash of each cell, in layout order. */
export interface SyncBase {
  layout: string;
  rows: Record<string, string>;
}

export const ACTION_LAYOUT_SIGNATURE = ACTION_LAYOUT.columns.map((c) => c.key).join(',');

export interface NetworkSyncInput {
  network: Network;
  actions: readonly Action[];
  /** A priority's title, for the Priority column. */
  priorityTitle: (code: string) => string | undefined;
  /** Codes of the adopted priorities with no live action. */
  gaps: readonly string[];
  base: SyncBase | undefined;
  /** Invalid statuses already reported to co-chairs: action ID → hash of the text. */
  reportedInvalid: Readonly<Record<string, string>>;
}

export interface PlanInput {
  snapshot: SpreadsheetSnapshot;
  networks: readonly NetworkSyncInput[];
  now: Date;
  timeZone: string;
}

export interface NetworkCounts {
  added: number;
  updated: number;
  pulled: number;
  unchanged: number;
  markedRemoved: number;
}

/** A change to make to an action once the sheet has been written. */
export interface ActionChange {
  actionId: string;
  /** The status the plan saw; a pull is applied only if the action still has it. */
  seenStatus: ActionStatus;
  pull: ActionStatus | undefined;
  /** Text people typed over the bot's cells, as "Activity was "..."", kept in the history. */
  captured: string[];
}

/** The history note for a change; `pulled` says whether the status from the sheet was taken. */
export function changeNote(change: ActionChange, pulled: boolean): string {
  const parts: string[] = [];
  if (change.pull && pulled) parts.push('Changed in the Google Sheet');
  if (change.pull && !pulled) parts.push(`Status "${STATUS_LABELS[change.pull]}" typed in the Google Sheet was not taken: the status changed in the bot at the same time, and the bot's status wins`);
  if (change.captured.length > 0) parts.push(`Overwritten in the Google Sheet by the bot's values: ${change.captured.join('; ')}`);
  return parts.join('. ');
}

export interface InvalidStatus {
  actionId: string;
  title: string;
  typed: string;
  hash: string;
  status: ActionStatus;
}

export interface NetworkPlan {
  code: string;
  tabTitle: string;
  counts: NetworkCounts;
  tabCreated: boolean;
  /** Made again: the bot had written it before, and it was deleted or renamed. */
  tabRecreated: boolean;
  /** Headers put back, with what they said. */
  headersRepaired: { header: string; found: string }[];
  /** Bot columns that had gone (deleted by hand) and were inserted again. */
  columnsRestored: string[];
  changes: ActionChange[];
  /** Invalid statuses not yet reported (or changed since). */
  invalidToReport: InvalidStatus[];
  /** Every action whose Status cell currently holds an invalid value, reported or not. */
  invalidPresent: string[];
  base: SyncBase;
  /** Things worth telling a co-chair: duplicate rows, unknown IDs. */
  problems: string[];
}

export interface SyncPlan {
  requests: sheets_v4.Schema$Request[];
  networks: NetworkPlan[];
  summary: { tabCreated: boolean; headersRepaired: { header: string; found: string }[] };
}

export function planSync(input: PlanInput): SyncPlan {
  const requests: sheets_v4.Schema$Request[] = [];
  const sheetIds = new SheetIdAllocator(input.snapshot);
  const planned = input.networks.map((n) => planNetwork(n, input, sheetIds, requests));
  // The Summary counts the actions as they will be once statuses typed in the sheet are taken.
  const summary = planSummary(input, planned.map((p, i) => ({ ...input.networks[i]!, actions: p.actions })), sheetIds, requests);
  return { requests, networks: planned.map((p) => p.plan), summary };
}

// ---------------------------------------------------------------- network tabs

function planNetwork(input: NetworkSyncInput, ctx: PlanInput, sheetIds: SheetIdAllocator, requests: sheets_v4.Schema$Request[]): { plan: NetworkPlan; actions: Action[] } {
  const { network } = input;
  const layout = ACTION_LAYOUT;
  const tab = prepareTab(ctx.snapshot, network.name, layout, sheetIds, requests, input.actions.length);
  const { sheetId, placement } = tab;
  const col = (key: string): number => placement.indexes[columnIndexOf(layout, key)]!;
  const statusAt = columnIndexOf(layout, 'status');
  const ragAt = col('rag');
  if (tab.created || placement.inserted.includes('status')) requests.push(statusValidation(sheetId, col('status')));
  requests.push(...ragRules(sheetId, ragAt, tab.existing, placement));

  const plan: NetworkPlan = {
    code: network.code, tabTitle: network.name,
    counts: { added: 0, updated: 0, pulled: 0, unchanged: 0, markedRemoved: 0 },
    tabCreated: tab.created,
    tabRecreated: tab.created && input.base !== undefined,
    headersRepaired: tab.created ? [] : tab.headersRepaired,
    columnsRestored: tab.created ? [] : tab.columnsRestored,
    changes: [], invalidToReport: [], invalidPresent: [],
    base: { layout: ACTION_LAYOUT_SIGNATURE, rows: {} },
    problems: [],
  };

  const rows = placement.rows;
  const prefix = `${network.code}-`;
  const rowOf = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const id = normaliseActionId(cellAt(rows, r, col('id')).text);
    if (id === undefined || !id.startsWith(prefix)) continue;
    const first = rowOf.get(id);
    if (first === undefined) rowOf.set(id, r);
    else plan.problems.push(`${id} is on row ${r + 1} as well as row ${first + 1}; only row ${first + 1} is kept up to date, and row ${r + 1} is left as it is.`);
  }

  const base = input.base?.layout === ACTION_LAYOUT_SIGNATURE ? input.base.rows : {};
  const values = (action: Action): CellValue[] => actionRowValues(action, ctx.now, ctx.timeZone, input.priorityTitle);
  const appended: CellValue[][] = [];
  const byNumber = [...input.actions].sort((a, b) => actionNumber(a.id) - actionNumber(b.id));
  const effective: Action[] = [];

  for (const action of byNumber) {
    const r = rowOf.get(action.id);
    if (r === undefined) {
      effective.push(action);
      const row = values(action);
      appended.push(row);
      plan.base.rows[action.id] = hashRow(row);
      plan.counts.added++;
      continue;
    }
    const cells = layout.columns.map((_, i) => cellAt(rows, r, placement.indexes[i]!));
    const merged = mergeRow(action, cells, splitBase(base[action.id]), values, ctx.now);
    effective.push(merged.action);
    const writes = merged.desired
      .flatMap((value, i) => (value === undefined ? [] : [{ column: placement.indexes[i]!, value, kind: layout.columns[i]!.kind }]))
      .filter((w) => canonicalCell(cellAt(rows, r, w.column), w.kind) !== canonicalValue(w.value));
    requests.push(...cellRuns(sheetId, r, writes));
    plan.base.rows[action.id] = merged.base;
    if (merged.change) plan.changes.push(merged.change);
    if (merged.invalid) {
      plan.invalidPresent.push(action.id);
      if (input.reportedInvalid[action.id] !== merged.invalid.hash) plan.invalidToReport.push(merged.invalid);
    }
    if (merged.change?.pull) plan.counts.pulled++;
    else if (writes.length > 0) plan.counts.updated++;
    else plan.counts.unchanged++;
  }

  const known = new Set(input.actions.map((a) => a.id));
  for (const [id, r] of rowOf) {
    if (known.has(id)) continue;
    if (base[id] === undefined) {
      plan.problems.push(`Row ${r + 1} has the ID ${id}, which is not an action of the ${network.name} network; it is left as it is.`);
      continue;
    }
    const writes = [
      { column: col('status'), value: REMOVED_LABEL, kind: 'text' as const },
      { column: ragAt, value: '', kind: 'text' as const },
    ].filter((w) => cellAt(rows, r, w.column).text !== w.value);
    requests.push(...cellRuns(sheetId, r, writes));
    if (writes.length > 0) plan.counts.markedRemoved++;
    const kept = layout.columns.map((c, i) => (i === statusAt ? REMOVED_LABEL : c.key === 'rag' ? '' : canonicalCell(cellAt(rows, r, placement.indexes[i]!), c.kind)));
    plan.base.rows[id] = kept.map(hashText).join('.');
  }

  requests.push(...appendRows(sheetId, tab, appended, layout));
  return { plan, actions: effective };
}

interface MergedRow {
  /** The action as it will be once a status typed in the sheet is taken. */
  action: Action;
  /** Per layout column: the value to hold, or undefined to leave the cell as it is. */
  desired: (CellValue | undefined)[];
  base: string;
  change: ActionChange | undefined;
  invalid: InvalidStatus | undefined;
}

/**
 * One existing row against its action. `base` holds hashes of what the bot
 * last wrote there, so a cell that differs from it was edited by a person.
 * Without a base (first sight of the row) nothing is pulled: the bot's
 * values win and whatever differed is kept in the history.
 */
function mergeRow(action: Action, cells: SnapshotCell[], base: string[] | undefined, values: (a: Action) => CellValue[], now: Date): MergedRow {
  const layout = ACTION_LAYOUT;
  const statusAt = columnIndexOf(layout, 'status');
  const idAt = columnIndexOf(layout, 'id');
  const read = (i: number): string => canonicalCell(cells[i]!, layout.columns[i]!.kind);
  const editedByPerson = (i: number): boolean => (base ? hashText(read(i)) !== base[i] : true);
  const before = values(action);
  const typed = cells[statusAt]!.text.trim();
  const captured: string[] = [];
  let pull: ActionStatus | undefined;
  let invalid: InvalidStatus | undefined;

  if (read(statusAt) !== canonicalValue(before[statusAt]!) && editedByPerson(statusAt) && typed !== '') {
    const status = parseStatusText(typed);
    const botChanged = base ? hashText(canonicalValue(before[statusAt]!)) !== base[statusAt] : true;
    if (status === action.status) {
      // Same status, other spelling: tidied, nothing to record.
    } else if (status !== undefined && !botChanged) {
      pull = status;
    } else if (status === undefined && !botChanged) {
      invalid = { actionId: action.id, title: action.title, typed, hash: hashText(typed), status: action.status };
    } else {
      captured.push(`Status was "${typed}"${status ? ' (the status had also changed in the bot, which wins)' : ''}`);
    }
  }

  const after = pull ? updateAction(action, { status: pull }, undefined, SHEET_AUTHOR, now) : action;
  const desired: (CellValue | undefined)[] = values(after);
  layout.columns.forEach((column, i) => {
    if (i === statusAt || i === idAt) return;
    const text = cells[i]!.text;
    if (read(i) !== canonicalValue(desired[i]!) && text.trim() !== '' && editedByPerson(i)) captured.push(`${column.header} was "${text}"`);
  });
  if (invalid) desired[statusAt] = undefined;

  const change = pull || captured.length > 0 ? { actionId: action.id, seenStatus: action.status, pull, captured } : undefined;
  const hashes = desired.map((value, i) => (value === undefined ? base?.[i] ?? hashText(canonicalValue(before[i]!)) : hashText(canonicalValue(value))));
  return { action: after, desired, base: hashes.join('.'), change, invalid };
}

function splitBase(row: string | undefined): string[] | undefined {
  const parts = row?.split('.');
  return parts && parts.length === ACTION_LAYOUT.columns.length ? parts : undefined;
}

function hashRow(values: readonly CellValue[]): string {
  return values.map((v) => hashText(canonicalValue(v))).join('.');
}

// ---------------------------------------------------------------- summary tab

function planSummary(input: PlanInput, networks: readonly NetworkSyncInput[], sheetIds: SheetIdAllocator, requests: sheets_v4.Schema$Request[]): SyncPlan['summary'] {
  const layout = SUMMARY_LAYOUT;
  const tab = prepareTab(input.snapshot, SUMMARY_TAB_TITLE, layout, sheetIds, requests, networks.length);
  const { sheetId, placement } = tab;
  const rows = placement.rows;
  const keyAt = placement.indexes[columnIndexOf(layout, 'network')]!;
  const rowOf = new Map<string, number>();
  for (let r = rows.length - 1; r >= 1; r--) rowOf.set(cellAt(rows, r, keyAt).text.trim().toLowerCase(), r);
  const appended: CellValue[][] = [];
  for (const n of networks) {
    const desired = summaryRowValues(n.network, n.actions, n.gaps, input.now, input.timeZone);
    const r = rowOf.get(n.network.name.toLowerCase());
    if (r === undefined) {
      appended.push(desired);
      continue;
    }
    const writes = desired
      .map((value, i) => ({ column: placement.indexes[i]!, value, kind: layout.columns[i]!.kind }))
      .filter((w) => canonicalCell(cellAt(rows, r, w.column), w.kind) !== canonicalValue(w.value));
    requests.push(...cellRuns(sheetId, r, writes));
  }
  requests.push(...appendRows(sheetId, tab, appended, layout));
  return { tabCreated: tab.created, headersRepaired: tab.created ? [] : tab.headersRepaired };
}
