import type { sheets_v4 } from '@googleapis/sheets';
import { describe, expect, it } from 'vitest';
import { createAction, updateAction, type Action } from '../../src/domain/actions.ts';
import { newNetwork, REGIONS } from '../../src/domain/networks.ts';
import { ACTION_LAYOUT, dateToSerial, placeColumns } from '../../src/sheets/sheet-layout.ts';
import type { SnapshotCell, SpreadsheetSnapshot, TabSnapshot } from '../../src/sheets/snapshot.ts';
import { actionRowValues, hashText, lastUpdateText, parseStatusText, SHEET_AUTHOR, summaryRowValues } from '../../src/sheets/row-values.ts';
import { ACTION_LAYOUT_SIGNATURE, planSync, type NetworkSyncInput, type SyncPlan } from '../../src/sheets/sync-plan.ts';

const NOW = new Date('2026-11-30T10:00:00Z');
const TZ = 'Europe/London';
const KEYS = ACTION_LAYOUT.columns.map((c) => c.key);
const HEADERS = ACTION_LAYOUT.columns.map((c) => c.header);
const southWest = newNetwork(REGIONS.find((r) => r.code === 'SW')!, 'C1', 'U0CHAIR', NOW, ['CSW2122']);

function action(n: number, overrides: Partial<Action> = {}): Action {
  return { ...createAction(`SW-${n}`, 'SW', { title: `Action ${n}`, owner: 'U0AAA', priorities: ['CSW2122.1'], timescale: { phrase: 'Summer 2027', due: '2027-08-31', ongoing: false } }, 'U0AAA', NOW), ...overrides };
}

const cell = (text: string | SnapshotCell): SnapshotCell => (typeof text === 'string' ? { text, number: undefined } : text);

function tab(rows: (string | SnapshotCell)[][], options: Partial<TabSnapshot> = {}): TabSnapshot {
  return {
    sheetId: 7, title: 'South West', rowCount: 1000, columnCount: 26, frozenRowCount: 1, headerProtected: true,
    rows: rows.map((r) => r.map(cell)), columnKeys: KEYS,
    conditionalRules: ['Red', 'Amber', 'Green'].map((value) => ({ startRow: 1, startColumn: 8, endColumn: 9, type: 'TEXT_EQ', value })),
    ...options,
  };
}

/** The row the bot would have written for an action, as the API reads it back. */
function rowText(a: Action): (string | SnapshotCell)[] {
  return actionRowValues(a, NOW, TZ, () => undefined).map((v) => (typeof v === 'object' ? { text: v.date, number: dateToSerial(v.date) } : String(v)));
}

function baseFor(actions: Action[]): NetworkSyncInput['base'] {
  return { layout: ACTION_LAYOUT_SIGNATURE, rows: Object.fromEntries(actions.map((a) => [a.id, actionRowValues(a, NOW, TZ, () => undefined).map((v) => hashText(typeof v === 'string' ? v : typeof v === 'number' ? `\u0000n:${v}` : `\u0000d:${v.date}`)).join('.')])) };
}

function plan(tabs: TabSnapshot[], input: Partial<NetworkSyncInput> & { actions: Action[] }): SyncPlan {
  const summary: TabSnapshot = { ...tab([]), sheetId: 8, title: 'Summary', columnKeys: [], rows: [] };
  const snapshot: SpreadsheetSnapshot = { spreadsheetId: 'S', title: 'Plans', tabs: [...tabs, summary] };
  return planSync({ snapshot, now: NOW, timeZone: TZ, networks: [{ network: southWest, priorityTitle: () => undefined, gaps: [], base: undefined, reportedInvalid: {}, ...input }] });
}

function networkRequests(p: SyncPlan): sheets_v4.Schema$Request[] {
  return p.requests.filter((r) => JSON.stringify(r).includes('"sheetId":7'));
}

describe('statuses typed in the sheet', () => {
  it.each([['Done', 'done'], ['in progress', 'in-progress'], [' In_Progress ', 'in-progress'], ['BLOCKED', 'blocked'], ['finished', undefined], ['', undefined]])('%j → %s', (typed, status) => {
    expect(parseStatusText(typed)).toBe(status);
  });

  it('are not taken from a row the bot has no record of writing: the bot wins and the text is kept', () => {
    const a = action(1);
    const row = rowText(a);
    row[KEYS.indexOf('status')] = 'Done';
    const p = plan([tab([HEADERS, row])], { actions: [a], base: undefined });
    expect(p.networks[0]!.changes).toEqual([{ actionId: 'SW-1', seenStatus: 'open', pull: undefined, captured: ['Status was "Done" (the status had also changed in the bot, which wins)'] }]);
  });

  it('are taken when the bot wrote the row and has not changed the status since', () => {
    const a = action(1);
    const row = rowText(a);
    row[KEYS.indexOf('status')] = 'Done';
    const p = plan([tab([HEADERS, row])], { actions: [a], base: baseFor([a]) });
    expect(p.networks[0]!.changes).toEqual([{ actionId: 'SW-1', seenStatus: 'open', pull: 'done', captured: [] }]);
    expect(p.networks[0]!.counts).toMatchObject({ pulled: 1 });
  });
});

describe('rows', () => {
  it('of actions no longer in the bot are marked Removed, not deleted; unknown IDs and duplicates are reported and left alone', () => {
    const kept = action(1);
    const gone = action(2);
    const rows = [HEADERS, rowText(kept), rowText(gone), ['SW-99', '', 'typed by hand'], ['sw-1', '', 'a copy']];
    const p = plan([tab(rows)], { actions: [kept], base: baseFor([kept, gone]) });
    const n = p.networks[0]!;
    expect(n.counts).toMatchObject({ unchanged: 1, markedRemoved: 1 });
    expect(n.problems).toEqual([
      'SW-1 is on row 5 as well as row 2; only row 2 is kept up to date, and row 5 is left as it is.',
      'Row 4 has the ID SW-99, which is not an action of the South West network; it is left as it is.',
    ]);
    expect(networkRequests(p)).toEqual([{
      updateCells: { start: { sheetId: 7, rowIndex: 2, columnIndex: 7 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Removed' } }, {}] }], fields: 'userEnteredValue' },
    }]);
    expect(Object.keys(n.base.rows)).toEqual(['SW-1', 'SW-2']);
  });

  it('are written one run of adjacent cells at a time, skipping columns people inserted between the bot\'s', () => {
    const a = action(1);
    const rows = [[...HEADERS.slice(0, 2), 'Mine', ...HEADERS.slice(2)], [...rowText(a).slice(0, 2), 'my note', ...rowText(a).slice(2)]];
    const keys = [...KEYS.slice(0, 2), undefined, ...KEYS.slice(2)];
    const changed = updateAction(a, { title: 'Renamed', resources: 'Two days' }, undefined, 'U0AAA', NOW);
    const p = plan([tab(rows, { columnKeys: keys, conditionalRules: [] })], { actions: [changed], base: baseFor([a]) });
    const writes = networkRequests(p).filter((r) => r.updateCells).map((r) => [r.updateCells!.start!.columnIndex, r.updateCells!.rows![0]!.values!.length]);
    // Activity (3), Resources (5), Last update (10): never column 2.
    expect(writes).toEqual([[3, 1], [5, 1], [10, 1]]);
    expect(networkRequests(p).filter((r) => r.addConditionalFormatRule).map((r) => r.addConditionalFormatRule!.rule!.ranges![0]!.startColumnIndex)).toEqual([9, 9, 9]);
  });

  it('new actions go below the last used row, growing the grid when it is full', () => {
    const a = action(1);
    const p = plan([tab([HEADERS, rowText(a), [], ['', '', '', '', '', '', '', '', '', '', '', '', 'a note far down']], { rowCount: 5 })], { actions: [a, action(2), action(3)], base: baseFor([a]) });
    const requests = networkRequests(p);
    expect(requests[0]).toEqual({ appendDimension: { sheetId: 7, dimension: 'ROWS', length: 1 } });
    expect(requests[1]!.updateCells!.start).toEqual({ sheetId: 7, rowIndex: 4, columnIndex: 0 });
    expect(requests[1]!.updateCells!.fields).toBe('userEnteredValue,userEnteredFormat.numberFormat');
  });
});

describe('columns', () => {
  it('of a tab the bot did not make are adopted by their header text, or inserted when missing', () => {
    const t = tab([['ID', 'Activity', 'status', 'Notes']], { columnKeys: [] });
    const placement = placeColumns(t, ACTION_LAYOUT);
    expect(placement.tag).toEqual(['id', 'activity', 'status', 'priority', 'owner', 'resources', 'timescale', 'due', 'rag', 'lastUpdate', 'comments']);
    expect(placement.inserted).toEqual(['priority', 'owner', 'resources', 'timescale', 'due', 'rag', 'lastUpdate', 'comments']);
    expect(placement.indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(placement.rows[0]!.map((c) => c.text)).toEqual(['ID', '', 'Activity', '', '', '', '', 'status', '', '', '', 'Notes']);
    expect(placement.headers.map((h) => h.key)).toEqual(KEYS.filter((k) => k !== 'id' && k !== 'activity'));
  });

  it('that are already right cost nothing', () => {
    const a = action(1);
    const p = plan([tab([HEADERS, rowText(a)])], { actions: [a], base: baseFor([a]) });
    expect(networkRequests(p)).toEqual([]);
  });
});

describe('what the rows say', () => {
  it('Last update shows the latest change by a person, not the text the sync kept', () => {
    let a = updateAction(action(1), { status: 'in-progress' }, 'Head of Safeguarding consulted', 'U0AAA', new Date('2026-11-20T12:00:00Z'));
    expect(lastUpdateText(a, TZ)).toBe('20/11/2026: Head of Safeguarding consulted');
    a = updateAction(a, {}, 'Overwritten in the Google Sheet by the bot\'s values: Activity was "x"', SHEET_AUTHOR, NOW);
    expect(lastUpdateText(a, TZ)).toBe('20/11/2026: Head of Safeguarding consulted');
    a = updateAction(a, { status: 'done' }, 'Changed in the Google Sheet', SHEET_AUTHOR, NOW);
    expect(lastUpdateText(a, TZ)).toBe('30/11/2026: status in-progress → done (in the Google Sheet)');
  });

  it('the Summary counts statuses, RAG, overdue and gaps', () => {
    const actions = [
      action(1), action(2, { status: 'done' }), action(3, { status: 'dropped' }),
      action(4, { timescale: { phrase: 'October 2026', due: '2026-10-31', ongoing: false } }),
      action(5, { status: 'blocked', timescale: { phrase: 'Ongoing', due: null, ongoing: true } }),
    ];
    const row = summaryRowValues(southWest, actions, ['CSW2122.2', 'CSW2122.5'], NOW, TZ);
    expect(row).toEqual(['South West', 5, 2, 0, 1, 1, 1, 1, 1, 2, 1, 2, 'CSW2122.2, CSW2122.5']);
  });
});
