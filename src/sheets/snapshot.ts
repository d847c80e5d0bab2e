import type { sheets_v4 } from '@googleapis/sheets';

/**
 * What one read of a spreadsheet tells the sync, reduced to what the plan
 * needs. Built from the API's answer by a pure function, so the plan never
 * sees the wire format and tests can build snapshots by hand.
 */
export interface SnapshotCell {
  /** What the person sees (formattedValue); '' for an empty cell. */
  text: string;
  /** The number behind the cell when it holds one (dates are day serials). */
  number: number | undefined;
}

export interface ConditionalRuleSnapshot {
  startRow: number;
  startColumn: number;
  endColumn: number | undefined;
  type: string;
  value: string | undefined;
}

export interface TabSnapshot {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  /** rows[r][c]; rows and cells past the last value are absent. */
  rows: SnapshotCell[][];
  /** The bot column each column is tagged as (developer metadata), by column index. */
  columnKeys: (string | undefined)[];
  conditionalRules: ConditionalRuleSnapshot[];
  /** Whether some protected range covers exactly the header row. */
  headerProtected: boolean;
}

export interface SpreadsheetSnapshot {
  spreadsheetId: string;
  title: string;
  tabs: TabSnapshot[];
}

/** Developer metadata key marking a column the bot owns; its value is the column's key (e.g. "status"). */
export const COLUMN_METADATA_KEY = 'psw-bot-column';

/**
 * The partial-response mask for the one read a sync makes: tab properties,
 * the cells' shown text and numbers, column tags, rules and protections.
 * Nothing about formats or people's notes, which the sync never needs.
 */
export const READ_FIELDS = [
  'spreadsheetId',
  'properties.title',
  'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount))',
  'conditionalFormats(ranges,booleanRule.condition)',
  'protectedRanges(range,warningOnly)',
  'data(startRow,startColumn,rowData.values(formattedValue,effectiveValue.numberValue),columnMetadata.developerMetadata(metadataKey,metadataValue)))',
].join(',');

const EMPTY_CELL: SnapshotCell = Object.freeze({ text: '', number: undefined });

export function emptyCell(): SnapshotCell {
  return EMPTY_CELL;
}

/** The API omits zero-valued numbers (sheetId 0, startRowIndex 0), so absent means 0. */
export function parseSpreadsheet(spreadsheetId: string, body: sheets_v4.Schema$Spreadsheet): SpreadsheetSnapshot {
  return {
    spreadsheetId: body.spreadsheetId ?? spreadsheetId,
    title: body.properties?.title ?? '',
    tabs: (body.sheets ?? []).map(parseTab),
  };
}

function parseTab(sheet: sheets_v4.Schema$Sheet): TabSnapshot {
  const p = sheet.properties ?? {};
  const grid = p.gridProperties ?? {};
  const rows: SnapshotCell[][] = [];
  const columnKeys: (string | undefined)[] = [];
  for (const data of sheet.data ?? []) {
    const startRow = data.startRow ?? 0;
    const startColumn = data.startColumn ?? 0;
    (data.rowData ?? []).forEach((row, r) => {
      const values = row.values ?? [];
      if (values.length === 0) return;
      const cells = (rows[startRow + r] ??= []);
      values.forEach((cell, c) => {
        cells[startColumn + c] = parseCell(cell);
      });
    });
    (data.columnMetadata ?? []).forEach((column, c) => {
      const tag = column.developerMetadata?.find((m) => m.metadataKey === COLUMN_METADATA_KEY)?.metadataValue;
      if (tag) columnKeys[startColumn + c] ??= tag;
    });
  }
  // Sparse arrays become dense, so callers can index without holes.
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) row[c] ??= EMPTY_CELL;
    rows[r] = row;
  }
  return {
    sheetId: p.sheetId ?? 0,
    title: p.title ?? '',
    rowCount: grid.rowCount ?? 0,
    columnCount: grid.columnCount ?? 0,
    frozenRowCount: grid.frozenRowCount ?? 0,
    rows,
    columnKeys,
    conditionalRules: (sheet.conditionalFormats ?? []).flatMap((rule) => (rule.ranges ?? []).map((range) => ({
      startRow: range.startRowIndex ?? 0,
      startColumn: range.startColumnIndex ?? 0,
      endColumn: range.endColumnIndex ?? undefined,
      type: rule.booleanRule?.condition?.type ?? '',
      value: rule.booleanRule?.condition?.values?.[0]?.userEnteredValue ?? undefined,
    }))),
    headerProtected: (sheet.protectedRanges ?? []).some((pr) => (pr.range?.startRowIndex ?? 0) === 0 && pr.range?.endRowIndex === 1),
  };
}

function parseCell(cell: sheets_v4.Schema$CellData): SnapshotCell {
  const text = cell.formattedValue ?? '';
  const number = cell.effectiveValue?.numberValue ?? undefined;
  return text === '' && number === undefined ? EMPTY_CELL : { text, number };
}
