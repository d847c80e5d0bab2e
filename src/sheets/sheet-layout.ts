import type { sheets_v4 } from '@googleapis/sheets';
import { addDays, daysBetween, isLocalDate, type LocalDate } from '../domain/local-date.ts';
import { COLUMN_METADATA_KEY, emptyCell, type SnapshotCell, type TabSnapshot } from './snapshot.ts';

/**
 * The tabs the bot keeps: one per network (the seed action plan's columns
 * plus tracking) and a Summary. Columns are found by the developer metadata
 * the bot tags them with, which moves with the column when people insert,
 * delete or drag columns, so a hand-edited header is repaired in place and
 * the bot never writes into a column that is not its own.
 */
export type ColumnKind = 'text' | 'date' | 'number';

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ColumnKind;
}

export interface TabLayout {
  columns: readonly ColumnSpec[];
  /** The column whose value identifies a row. */
  keyColumn: string;
}

export const ACTION_LAYOUT: TabLayout = {
  keyColumn: 'id',
  columns: [
    { key: 'id', header: 'ID', kind: 'text' },
    { key: 'priority', header: 'Priority', kind: 'text' },
    { key: 'activity', header: 'Activity', kind: 'text' },
    { key: 'owner', header: 'Owner', kind: 'text' },
    { key: 'resources', header: 'Resources', kind: 'text' },
    { key: 'timescale', header: 'Timescale', kind: 'text' },
    { key: 'due', header: 'Due', kind: 'date' },
    { key: 'status', header: 'Status', kind: 'text' },
    { key: 'rag', header: 'RAG', kind: 'text' },
    { key: 'lastUpdate', header: 'Last update', kind: 'text' },
    { key: 'comments', header: 'Drivers/Comments', kind: 'text' },
  ],
};

export const SUMMARY_TAB_TITLE = 'Summary';

export const SUMMARY_LAYOUT: TabLayout = {
  keyColumn: 'network',
  columns: [
    { key: 'network', header: 'Network', kind: 'text' },
    { key: 'actions', header: 'Actions', kind: 'number' },
    { key: 'open', header: 'Open', kind: 'number' },
    { key: 'inProgress', header: 'In progress', kind: 'number' },
    { key: 'blocked', header: 'Blocked', kind: 'number' },
    { key: 'done', header: 'Done', kind: 'number' },
    { key: 'dropped', header: 'Dropped', kind: 'number' },
    { key: 'red', header: 'Red', kind: 'number' },
    { key: 'amber', header: 'Amber', kind: 'number' },
    { key: 'green', header: 'Green', kind: 'number' },
    { key: 'overdue', header: 'Overdue', kind: 'number' },
    { key: 'gapCount', header: 'Priorities with no live action', kind: 'number' },
    { key: 'gaps', header: 'Which priorities', kind: 'text' },
  ],
};

export function columnIndexOf(layout: TabLayout, key: string): number {
  const i = layout.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key} in layout`);
  return i;
}

/** UK date format for due dates: real dates, shown 31/05/2027. */
export const DATE_PATTERN = 'dd/mm/yyyy';

/** A value the bot puts in a cell. */
export type CellValue = string | number | { date: LocalDate };

/** Day 0 of Google Sheets' (and Excel's) date serials. */
const SERIAL_EPOCH = '1899-12-30';
const MAX_SERIAL = 2_958_465; // 31/12/9999

export function dateToSerial(date: LocalDate): number {
  return daysBetween(SERIAL_EPOCH, date);
}

export function serialToDate(serial: number): LocalDate | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return undefined;
  const date = addDays(SERIAL_EPOCH, Math.floor(serial));
  return isLocalDate(date) ? date : undefined;
}

/**
 * One string per value, so a value the bot wants and a cell it reads can be
 * compared, and hashed for the last-synced record. Dates and numbers are
 * tagged so that the text "45000" is not taken for the number 45000.
 */
export function canonicalValue(value: CellValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return `\u0000n:${value}`;
  return `\u0000d:${value.date}`;
}

export function canonicalCell(cell: SnapshotCell, kind: ColumnKind): string {
  if (cell.number !== undefined && kind === 'date') {
    const date = serialToDate(cell.number);
    if (date) return canonicalValue({ date });
  }
  if (cell.number !== undefined && kind === 'number') return canonicalValue(cell.number);
  return cell.text;
}

/** The cell as the API writes it; an empty string clears the value. */
export function cellData(value: CellValue): sheets_v4.Schema$CellData {
  if (typeof value === 'string') return value === '' ? {} : { userEnteredValue: { stringValue: value } };
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  return { userEnteredValue: { numberValue: dateToSerial(value.date) }, userEnteredFormat: { numberFormat: { type: 'DATE', pattern: DATE_PATTERN } } };
}

/** Where the layout's columns are, and what must change for them all to be there with the right headers. */
export interface ColumnPlacement {
  /** Final column index of each layout column, in layout order. */
  indexes: number[];
  /** Columns to insert, each index as it is when that insert is applied, in order. */
  inserts: number[];
  /** Layout columns to tag with metadata (found by header text, or inserted). */
  tag: string[];
  /** Layout columns that were missing altogether and are inserted. */
  inserted: string[];
  /** Headers to (re)write: layout column key and the text found there before. */
  headers: { key: string; found: string }[];
  /** The snapshot's rows as they will be after the inserts. */
  rows: SnapshotCell[][];
}

/**
 * Finds each layout column: by its tag first; then, for an untagged column,
 * by its header text; failing both (deleted by hand, or a tab the bot did
 * not make) a new column is inserted just right of the previous layout
 * column, so people's columns move right with their contents.
 */
export function placeColumns(tab: TabSnapshot, layout: TabLayout): ColumnPlacement {
  const found = new Map<string, number>();
  tab.columnKeys.forEach((key, index) => {
    if (key !== undefined && layout.columns.some((c) => c.key === key) && !found.has(key)) found.set(key, index);
  });
  const claimed = new Set<number>(tab.columnKeys.flatMap((key, index) => (key === undefined ? [] : [index])));
  const header = tab.rows[0] ?? [];
  const tag: string[] = [];
  for (const column of layout.columns) {
    if (found.has(column.key)) continue;
    const index = header.findIndex((cell, i) => !claimed.has(i) && normaliseHeader(cell.text) === normaliseHeader(column.header));
    if (index >= 0) {
      found.set(column.key, index);
      claimed.add(index);
      tag.push(column.key);
    }
  }
  const inserts: number[] = [];
  const inserted: string[] = [];
  layout.columns.forEach((column, i) => {
    if (found.has(column.key)) return;
    const previous = i === 0 ? undefined : found.get(layout.columns[i - 1]!.key);
    const at = previous === undefined ? 0 : previous + 1;
    for (const [key, index] of found) if (index >= at) found.set(key, index + 1);
    found.set(column.key, at);
    inserts.push(at);
    inserted.push(column.key);
    tag.push(column.key);
  });
  const rows = inserts.length === 0 ? tab.rows : insertColumns(tab.rows, inserts);
  const indexes = layout.columns.map((c) => found.get(c.key)!);
  const headerRow = rows[0] ?? [];
  const headers = layout.columns
    .map((c, i) => ({ key: c.key, header: c.header, found: headerRow[indexes[i]!]?.text ?? '' }))
    .filter((h) => h.found !== h.header)
    .map(({ key, found: text }) => ({ key, found: text }));
  return { indexes, inserts, tag, inserted, headers, rows };
}

function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function insertColumns(rows: SnapshotCell[][], inserts: readonly number[]): SnapshotCell[][] {
  return rows.map((row) => {
    const copy = [...row];
    for (const at of inserts) if (at <= copy.length) copy.splice(at, 0, emptyCell());
    return copy;
  });
}

export function columnMetadataRequest(sheetId: number, key: string, index: number): sheets_v4.Schema$Request {
  return {
    createDeveloperMetadata: {
      developerMetadata: {
        metadataKey: COLUMN_METADATA_KEY,
        metadataValue: key,
        visibility: 'DOCUMENT',
        location: { dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 } },
      },
    },
  };
}
