import type { sheets_v4 } from '@googleapis/sheets';
import { STATUS_LABELS } from './row-values.ts';
import { cellData, columnIndexOf, columnMetadataRequest, placeColumns, type CellValue, type ColumnPlacement, type TabLayout } from './sheet-layout.ts';
import { emptyCell, type SnapshotCell, type SpreadsheetSnapshot, type TabSnapshot } from './snapshot.ts';

/**
 * The Sheets API requests a sync is made of: finding or making a tab and
 * putting its columns, headers, frozen and protected header row in place,
 * writing runs of cells, appending rows, colouring RAG. Pure builders.
 */

export interface PreparedTab {
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
export function prepareTab(snapshot: SpreadsheetSnapshot, title: string, layout: TabLayout, sheetIds: SheetIdAllocator, requests: sheets_v4.Schema$Request[], dataRows: number): PreparedTab {
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
export function appendRows(sheetId: number, tab: PreparedTab, rows: CellValue[][], layout: TabLayout): sheets_v4.Schema$Request[] {
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

export interface CellWrite {
  column: number;
  value: CellValue;
  kind: string;
}

/** One updateCells per run of adjacent cells, so no cell between them (people's columns) is touched. */
export function cellRuns(sheetId: number, row: number, writes: CellWrite[]): sheets_v4.Schema$Request[] {
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

export function statusValidation(sheetId: number, column: number): sheets_v4.Schema$Request {
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
export function ragRules(sheetId: number, column: number, existing: TabSnapshot | undefined, placement: ColumnPlacement): sheets_v4.Schema$Request[] {
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

export function cellAt(rows: SnapshotCell[][], r: number, c: number): SnapshotCell {
  return rows[r]?.[c] ?? emptyCell();
}

/** IDs for new tabs, chosen in the request so that later requests in the same batch can name the tab. */
export class SheetIdAllocator {
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
