import type { sheets_v4 } from '@googleapis/sheets';
import {
  actionNumber, ACTION_STATUSES, isLive, isOverdue, normaliseActionId, ragOf, updateAction, type Action, type ActionStatus, type HistoryEntry, type Rag,
} from '../domain/actions.ts';
import { formatUkNumericDate, localDateAt } from '../domain/local-date.ts';
import type { Network } from '../domain/networks.ts';
import {
  ACTION_LAYOUT, canonicalCell, canonicalValue, cellData, columnIndexOf, columnMetadataRequest, placeColumns, SUMMARY_LAYOUT, SUMMARY_TAB_TITLE,
  type CellValue, type ColumnPlacement, type TabLayout,
} from './sheet-layout.ts';
import { emptyCell, type SnapshotCell, type SpreadsheetSnapshot, type TabSnapshot } from './snapshot.ts';

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
    const desired = summaryRowValues(n, input.now, input.timeZone);
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

export function summaryRowValues(input: NetworkSyncInput, now: Date, timeZone: string): CellValue[] {
  const { actions } = input;
  const today = localDateAt(now, timeZone);
  const count = (test: (a: Action) => boolean): number => actions.filter(test).length;
  const rags = actions.map((a) => ragOf(a, now, timeZone).rag);
  const byKey: Record<string, CellValue> = {
    network: input.network.name,
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
    gapCount: input.gaps.length,
    gaps: input.gaps.join(', '),
  };
  return SUMMARY_LAYOUT.columns.map((c) => byKey[c.key]!);
}

// ---------------------------------------------------------------- tabs, columns, rows

interface PreparedTab {
  sheetId: number;
  created: boolean;
  existing: TabSnapshot | undefined;
  placement: ColumnPlacement;
  rowCount: number;
  headersRepaired: { header: string; found: string }[];
  columnsRestored: string[];
}

/**
 * Finds the tab by title, or adds it (a tab deleted or renamed by hand is
 * made again), and queues everything that puts its bot columns, headers,
 * frozen and protected header row in place.
 */
function prepareTab(snapshot: SpreadsheetSnapshot, title: string, layout: TabLayout, sheetIds: SheetIdAllocator, requests: sheets_v4.Schema$Request[], dataRows: number): PreparedTab {
  const existing = snapshot.tabs.find((t) => t.title === title);
  const header = (key: string): string => layout.columns.find((c) => c.key === key)!.header;
  if (!existing) {
    const sheetId = sheetIds.next();
    const rowCount = Math.max(1000, dataRows + 1);
    requests.push({
      addSheet: { properties: { sheetId, title, gridProperties: { rowCount, columnCount: Math.max(26, layout.columns.length), frozenRowCount: 1 } } },
    });
    const keys = layout.columns.map((c) => c.key);
    const placement: ColumnPlacement = { indexes: keys.map((_, i) => i), inserts: [], tag: keys, inserted: keys, headers: [], rows: [] };
    requests.push(...placement.tag.map((key, i) => columnMetadataRequest(sheetId, key, i)));
    requests.push(headerRun(sheetId, 0, layout.columns.map((c) => c.header)));
    requests.push(headerProtection(sheetId));
    return { sheetId, created: true, existing, placement, rowCount, headersRepaired: [], columnsRestored: [] };
  }
  const { sheetId } = existing;
  const placement = placeColumns(existing, layout);
  for (const at of placement.inserts) {
    requests.push({ insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: at, endIndex: at + 1 }, inheritFromBefore: false } });
  }
  const indexOf = (key: string): number => placement.indexes[columnIndexOf(layout, key)]!;
  requests.push(...placement.tag.map((key) => columnMetadataRequest(sheetId, key, indexOf(key))));
  const headerWrites = placement.headers.map((h) => ({ column: indexOf(h.key), value: header(h.key) }));
  for (const run of runsOf(headerWrites)) requests.push(headerRun(sheetId, run[0]!.column, run.map((w) => w.value)));
  if (existing.frozenRowCount < 1) {
    requests.push({ updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: 1 } }, fields: 'gridProperties.frozenRowCount' } });
  }
  if (!existing.headerProtected) requests.push(headerProtection(sheetId));
  const restored = new Set(placement.inserted);
  return {
    sheetId, created: false, existing, placement,
    rowCount: existing.rowCount,
    headersRepaired: placement.headers.filter((h) => !restored.has(h.key)).map((h) => ({ header: header(h.key), found: h.found })),
    columnsRestored: [...restored].map(header),
  };
}

/** New rows go below the last row holding anything in any column, growing the grid if needed (updates never grow it). */
function appendRows(sheetId: number, tab: PreparedTab, rows: CellValue[][], layout: TabLayout): sheets_v4.Schema$Request[] {
  if (rows.length === 0) return [];
  const used = tab.placement.rows;
  let last = used.length - 1;
  while (last > 0 && used[last]!.every((c) => c.text === '' && c.number === undefined)) last--;
  const start = Math.max(1, last + 1);
  const requests: sheets_v4.Schema$Request[] = [];
  const needed = start + rows.length;
  if (needed > tab.rowCount) requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: needed - tab.rowCount } });
  const columns = layout.columns.map((c, i) => ({ index: tab.placement.indexes[i]!, layoutIndex: i, kind: c.kind })).sort((a, b) => a.index - b.index);
  for (const run of runsOf(columns.map((c) => ({ ...c, column: c.index })))) {
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex: start, columnIndex: run[0]!.column },
        rows: rows.map((row) => ({ values: run.map((c) => cellData(row[c.layoutIndex]!)) })),
        fields: fieldsFor(run),
      },
    });
  }
  return requests;
}

interface CellWrite {
  column: number;
  value: CellValue;
  kind: string;
}

/** One updateCells per run of adjacent cells, so no cell between them (people's columns) is touched. */
function cellRuns(sheetId: number, row: number, writes: CellWrite[]): sheets_v4.Schema$Request[] {
  return runsOf(writes).map((run) => ({
    updateCells: { start: { sheetId, rowIndex: row, columnIndex: run[0]!.column }, rows: [{ values: run.map((w) => cellData(w.value)) }], fields: fieldsFor(run) },
  }));
}

function fieldsFor(run: readonly { kind: string }[]): string {
  return run.some((c) => c.kind === 'date') ? 'userEnteredValue,userEnteredFormat.numberFormat' : 'userEnteredValue';
}

function runsOf<T extends { column: number }>(items: readonly T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.column - b.column);
  const runs: T[][] = [];
  for (const item of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.column + 1 === item.column) run.push(item);
    else runs.push([item]);
  }
  return runs;
}

function headerRun(sheetId: number, column: number, headers: string[]): sheets_v4.Schema$Request {
  return {
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: column },
      rows: [{ values: headers.map((h) => ({ userEnteredValue: { stringValue: h }, userEnteredFormat: { textFormat: { bold: true } } })) }],
      fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
    },
  };
}

function headerProtection(sheetId: number): sheets_v4.Schema$Request {
  return {
    addProtectedRange: {
      protectedRange: {
        range: { sheetId, startRowIndex: 0, endRowIndex: 1 },
        description: 'Headers kept by the PSW Network Bot: the bot finds its columns by them and puts them back if changed.',
        warningOnly: true,
      },
    },
  };
}

function statusValidation(sheetId: number, column: number): sheets_v4.Schema$Request {
  return {
    setDataValidation: {
      range: { sheetId, startRowIndex: 1, startColumnIndex: column, endColumnIndex: column + 1 },
      rule: {
        condition: { type: 'ONE_OF_LIST', values: Object.values(STATUS_LABELS).map((l) => ({ userEnteredValue: l })) },
        strict: false,
        showCustomUi: true,
        inputMessage: `One of: ${Object.values(STATUS_LABELS).join(', ')}. The bot takes the new status on its next sync.`,
      },
    },
  };
}

const RAG_COLOURS: Readonly<Record<string, sheets_v4.Schema$CellFormat>> = {
  Red: { backgroundColor: { red: 0.957, green: 0.78, blue: 0.765 }, textFormat: { foregroundColor: { red: 0.6, green: 0, blue: 0 }, bold: true } },
  Amber: { backgroundColor: { red: 1, green: 0.898, blue: 0.6 }, textFormat: { foregroundColor: { red: 0.5, green: 0.3, blue: 0 }, bold: true } },
  Green: { backgroundColor: { red: 0.851, green: 0.918, blue: 0.827 }, textFormat: { foregroundColor: { red: 0.15, green: 0.4, blue: 0.1 }, bold: true } },
};

/** Colours the RAG column by conditional formatting, adding only the rules that are missing. */
function ragRules(sheetId: number, column: number, existing: TabSnapshot | undefined, placement: ColumnPlacement): sheets_v4.Schema$Request[] {
  const shifted = (index: number): number => placement.inserts.reduce((i, at) => (i >= at ? i + 1 : i), index);
  const present = (label: string): boolean => (existing?.conditionalRules ?? []).some((rule) =>
    shifted(rule.startColumn) === column && rule.endColumn !== undefined && shifted(rule.endColumn - 1) === column
    && rule.type === 'TEXT_EQ' && rule.value === label && rule.startRow <= 1);
  return Object.entries(RAG_COLOURS).filter(([label]) => !present(label)).map(([label, format]) => ({
    addConditionalFormatRule: {
      index: 0,
      rule: {
        ranges: [{ sheetId, startRowIndex: 1, startColumnIndex: column, endColumnIndex: column + 1 }],
        booleanRule: { condition: { type: 'TEXT_EQ', values: [{ userEnteredValue: label }] }, format },
      },
    },
  }));
}

function cellAt(rows: SnapshotCell[][], r: number, c: number): SnapshotCell {
  return rows[r]?.[c] ?? emptyCell();
}

/** IDs for new tabs, chosen in the request so that later requests in the same batch can name the tab. */
class SheetIdAllocator {
  readonly #used: Set<number>;
  #next = 1_000_001;

  constructor(snapshot: SpreadsheetSnapshot) {
    this.#used = new Set(snapshot.tabs.map((t) => t.sheetId));
  }

  next(): number {
    while (this.#used.has(this.#next)) this.#next++;
    this.#used.add(this.#next);
    return this.#next;
  }
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
