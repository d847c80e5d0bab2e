import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Action } from '../../src/domain/actions.ts';
import { SHEET_AUTHOR } from '../../src/sheets/row-values.ts';
import { COLUMN_METADATA_KEY } from '../../src/sheets/snapshot.ts';
import { CO_CHAIR, columnOf, MEMBER, NOW, rowOf, SPREADSHEET_ID, TAB, type, world, type World } from './helpers.ts';

const HEADERS = ['ID', 'Priority', 'Activity', 'Owner', 'Resources', 'Timescale', 'Due', 'Status', 'RAG', 'Last update', 'Drivers/Comments'];

let w: World;
afterEach(async () => {
  await w.close();
});

async function syncOnce(): Promise<Awaited<ReturnType<World['sync']['syncAll']>>['spreadsheets'][number]> {
  const report = await w.sync.syncAll(NOW);
  expect(report.spreadsheets).toHaveLength(1);
  return report.spreadsheets[0]!;
}

function southWest(report: Awaited<ReturnType<typeof syncOnce>>): NonNullable<ReturnType<typeof report.networks.find>> {
  const n = report.networks.find((x) => x.code === 'SW');
  if (!n) throw new Error(`no South West in the report: ${JSON.stringify(report)}`);
  return n;
}

function cellText(id: string, header: string): string {
  return w.fake.grid(SPREADSHEET_ID, TAB)[rowOf(w.fake, TAB, id)]?.[columnOf(w.fake, TAB, header)] ?? '';
}

async function action(id: string): Promise<Action> {
  const found = await w.store.transaction((tx) => tx.action(id));
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

describe('first sync', () => {
  it('creates the network tab and the Summary, with every action as a row, in one read and one write', async () => {
    w = await world();
    await w.add(2);
    await w.add(1, { title: 'Review supervision standards', timescalePhrase: 'Ongoing', priorities: ['PSW2123.3.2'], resources: '', comments: 'From the Health Check' });
    const report = await syncOnce();

    expect(report.ok).toBe(true);
    expect(southWest(report)).toMatchObject({ added: 3, updated: 0, pulled: 0, unchanged: 0, tabCreated: true, tabRecreated: false });
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 1, appliedBatchUpdates: 1, unauthenticated: 0 });
    expect(w.fake.tabTitles(SPREADSHEET_ID)).toEqual(['Sheet1', 'South West', 'Summary']);

    const grid = w.fake.grid(SPREADSHEET_ID, TAB);
    expect(grid[0]).toEqual(HEADERS);
    expect(grid[1]).toEqual([
      'SW-1', 'CSW2122.1 Transitional safeguarding: criminal and sexual exploitation', 'Action 1: audit s42 safeguarding practice', '@U0AAA',
      'QA team time', 'Summer 2027', '31/08/2027', 'Open', 'Green', '30/11/2026: added',
    ]);
    expect(grid[3]).toEqual(['SW-3', expect.stringMatching(/^PSW2123\.3\.2 /), 'Review supervision standards', '@U0AAA', '', 'Ongoing', '', 'Open', 'Green', '30/11/2026: added', 'From the Health Check']);
  });

  it('writes due dates as real dates shown dd/mm/yyyy, and sets up frozen, protected headers, RAG colours and a status list', async () => {
    w = await world();
    await w.add(1);
    await syncOnce();

    const due = w.fake.cell(SPREADSHEET_ID, TAB, 1, HEADERS.indexOf('Due'));
    expect(due.value).toEqual({ numberValue: 46630 }); // 31/08/2027 as a day serial
    expect(due.numberFormat).toEqual({ type: 'DATE', pattern: 'dd/mm/yyyy' });

    const info = w.fake.tabInfo(SPREADSHEET_ID, TAB);
    expect(info.frozenRowCount).toBe(1);
    expect(info.protectedRanges).toEqual([expect.objectContaining({ warningOnly: true, range: expect.objectContaining({ startRowIndex: 0, endRowIndex: 1 }) as unknown })]);
    const rag = HEADERS.indexOf('RAG');
    expect(info.conditionalFormats.map((r) => [r.booleanRule?.condition?.values?.[0]?.userEnteredValue, r.ranges?.[0]?.startColumnIndex])).toEqual(
      expect.arrayContaining([['Red', rag], ['Amber', rag], ['Green', rag]]),
    );
    expect(info.dataValidations).toBe(1);
    expect(info.metadata.map((m) => [m.metadataKey, m.metadataValue, m.location.dimensionRange.startIndex])).toEqual(
      ['id', 'priority', 'activity', 'owner', 'resources', 'timescale', 'due', 'status', 'rag', 'lastUpdate', 'comments'].map((key, i) => [COLUMN_METADATA_KEY, key, i]),
    );
    expect(w.fake.tabInfo(SPREADSHEET_ID, 'Summary').frozenRowCount).toBe(1);
  });

  it('fills the Summary with counts by status and RAG, overdue, and priorities with no live action', async () => {
    w = await world();
    const [first, second] = await w.add(3);
    await w.add(1, { timescalePhrase: 'October 2026' });
    await w.update(first!, { status: 'done' });
    await w.update(second!, { status: 'blocked' });
    await syncOnce();

    const [header, row] = w.fake.grid(SPREADSHEET_ID, 'Summary');
    const summary = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(summary).toMatchObject({
      Network: 'South West', Actions: '4', Open: '2', 'In progress': '0', Blocked: '1', Done: '1', Dropped: '0',
      Red: '1', Amber: '1', Green: '2', Overdue: '1',
    });
    expect(summary['Which priorities']).not.toContain('CSW2122.1,');
    expect(summary['Which priorities']).toContain('CSW2122.2');
    expect(Number(summary['Priorities with no live action'])).toBe(summary['Which priorities']!.split(', ').length);
  });
});

describe('later syncs', () => {
  it('write nothing, to the sheet or the store, when nothing changed', async () => {
    w = await world();
    await w.add(3);
    await syncOnce();
    w.fake.resetStats();
    const commits = vi.spyOn(w.store as unknown as { commit: () => Promise<void> }, 'commit');

    const report = await syncOnce();
    expect(commits).not.toHaveBeenCalled();
    expect(report).toMatchObject({ ok: true, wrote: false, requests: 0 });
    expect(southWest(report)).toMatchObject({ added: 0, updated: 0, pulled: 0, unchanged: 3 });
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 0 });
  });

  it('write only the cells that changed in the bot, plus new actions at the bottom', async () => {
    w = await world();
    await w.add(3);
    await syncOnce();
    await w.update('SW-2', { title: 'Audit s42 practice across the region' });
    await w.add(1, { title: 'Co-produce the newsletter' });
    w.fake.resetStats();

    const report = await syncOnce();
    expect(southWest(report)).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 1 });
    expect(cellText('SW-2', 'Activity')).toBe('Audit s42 practice across the region');
    expect(cellText('SW-2', 'Last update')).toBe('30/11/2026: title Action 2: audit s42 safeguarding practice → Audit s42 practice across the region');
    expect(rowOf(w.fake, TAB, 'SW-4')).toBe(4);
  });
});

describe("people's edits survive", () => {
  it('inserted rows and columns, their own columns to the right and a sort: rows still update by ID, nothing of theirs is touched', async () => {
    w = await world();
    await w.add(3);
    await syncOnce();
    const sheetId = w.fake.sheetIdOf(SPREADSHEET_ID, TAB);
    w.fake.personEdit(SPREADSHEET_ID, [
      // Their own column between Activity and Owner, and another after the bot's columns.
      { insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 3, endIndex: 4 } } },
      // Sorted by Activity, Z to A, then a row of their own inserted.
      { sortRange: { range: { sheetId, startRowIndex: 1 }, sortSpecs: [{ dimensionIndex: 2, sortOrder: 'DESCENDING' }] } },
      { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 3, endIndex: 4 } } },
    ]);
    const lead = 12;
    type(w.fake, TAB, 0, 3, 'Lead notes');
    type(w.fake, TAB, 0, lead, 'ADASS lead comments');
    for (const id of ['SW-1', 'SW-2', 'SW-3']) {
      type(w.fake, TAB, rowOf(w.fake, TAB, id), 3, `note on ${id}`);
      type(w.fake, TAB, rowOf(w.fake, TAB, id), lead, `ADASS on ${id}`);
    }
    const blank = w.fake.grid(SPREADSHEET_ID, TAB).findIndex((row, i) => i > 0 && row[0] === undefined);
    type(w.fake, TAB, blank, 2, 'A heading row typed by a person');
    const before = w.fake.grid(SPREADSHEET_ID, TAB);
    expect(before.slice(1).map((r) => r[0])).toEqual(['SW-3', 'SW-2', undefined, 'SW-1'].map((x) => x ?? ''));

    await w.update('SW-2', { status: 'in-progress' }, MEMBER);
    await w.add(1, { title: 'Another action' });
    w.fake.resetStats();
    const report = await syncOnce();

    expect(southWest(report)).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    expect(w.fake.stats.posts).toBe(1);
    const after = w.fake.grid(SPREADSHEET_ID, TAB);
    expect(after[0]).toEqual([...HEADERS.slice(0, 3), 'Lead notes', ...HEADERS.slice(3), 'ADASS lead comments']);
    expect(cellText('SW-2', 'Status')).toBe('In progress');
    for (const id of ['SW-1', 'SW-2', 'SW-3']) {
      const row = after[rowOf(w.fake, TAB, id)]!;
      expect(row[3]).toBe(`note on ${id}`);
      expect(row[lead]).toBe(`ADASS on ${id}`);
    }
    expect(after[blank]).toEqual(['', '', 'A heading row typed by a person']);
    expect(rowOf(w.fake, TAB, 'SW-4')).toBe(5);
    expect(after[5]![3] ?? '').toBe('');

    w.fake.resetStats();
    await syncOnce();
    expect(w.fake.stats.posts).toBe(0);
  });

  it('a header edited by hand (even after a column was inserted before it) is put back in its own column', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    const sheetId = w.fake.sheetIdOf(SPREADSHEET_ID, TAB);
    w.fake.personEdit(SPREADSHEET_ID, [{ insertDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 } } }]);
    type(w.fake, TAB, 0, 1, 'Status'); // a person's own column that happens to be called Status
    type(w.fake, TAB, 1, 1, 'their text');
    const botStatus = HEADERS.indexOf('Status') + 1;
    type(w.fake, TAB, 0, botStatus, 'State of play');
    type(w.fake, TAB, 0, HEADERS.indexOf('Owner') + 1, '');

    const report = await syncOnce();
    const n = southWest(report);
    expect(n.headersRepaired).toEqual([{ header: 'Owner', found: '' }, { header: 'Status', found: 'State of play' }]);
    const grid = w.fake.grid(SPREADSHEET_ID, TAB);
    expect(grid[0]![botStatus]).toBe('Status');
    expect(grid[0]![1]).toBe('Status');
    expect(grid[1]![1]).toBe('their text');

    await w.update('SW-1', { status: 'blocked' });
    await syncOnce();
    expect(w.fake.grid(SPREADSHEET_ID, TAB)[1]![botStatus]).toBe('Blocked');
    expect(w.fake.grid(SPREADSHEET_ID, TAB)[1]![1]).toBe('their text');
  });

  it('a bot column deleted by hand is put back, next to where it was', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    const sheetId = w.fake.sheetIdOf(SPREADSHEET_ID, TAB);
    const resources = HEADERS.indexOf('Resources');
    w.fake.personEdit(SPREADSHEET_ID, [{ deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: resources, endIndex: resources + 1 } } }]);

    const report = await syncOnce();
    expect(southWest(report).columnsRestored).toEqual(['Resources']);
    expect(w.fake.grid(SPREADSHEET_ID, TAB)[0]).toEqual(HEADERS);
    expect(cellText('SW-2', 'Resources')).toBe('QA team time');
  });

  it('a deleted tab is made again; a renamed one is left alone and a fresh tab made', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    w.fake.personEdit(SPREADSHEET_ID, [{ deleteSheet: { sheetId: w.fake.sheetIdOf(SPREADSHEET_ID, TAB) } }]);

    const recreated = await syncOnce();
    expect(southWest(recreated)).toMatchObject({ tabCreated: true, tabRecreated: true, added: 2 });
    expect(w.fake.grid(SPREADSHEET_ID, TAB).map((r) => r[0])).toEqual(['ID', 'SW-1', 'SW-2']);

    w.fake.personEdit(SPREADSHEET_ID, [{ updateSheetProperties: { properties: { sheetId: w.fake.sheetIdOf(SPREADSHEET_ID, TAB), title: 'SW 2026' }, fields: 'title' } }]);
    const renamed = await syncOnce();
    expect(southWest(renamed)).toMatchObject({ tabCreated: true, added: 2 });
    expect(w.fake.tabTitles(SPREADSHEET_ID)).toEqual(['Sheet1', 'Summary', 'SW 2026', 'South West']);
    expect(w.fake.grid(SPREADSHEET_ID, 'SW 2026').map((r) => r[0])).toEqual(['ID', 'SW-1', 'SW-2']);
  });

  it('the Summary tab, if deleted, is made again', async () => {
    w = await world();
    await w.add(1);
    await syncOnce();
    w.fake.personEdit(SPREADSHEET_ID, [{ deleteSheet: { sheetId: w.fake.sheetIdOf(SPREADSHEET_ID, 'Summary') } }]);
    const report = await syncOnce();
    expect(report).toMatchObject({ ok: true, summaryCreated: true });
    expect(w.fake.grid(SPREADSHEET_ID, 'Summary')[1]![0]).toBe('South West');
  });
});

describe('two-way status', () => {
  it('a valid status typed in the sheet comes back: history says so, the owner is told, the row settles', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), HEADERS.indexOf('Status'), 'done');

    const report = await syncOnce();
    expect(southWest(report)).toMatchObject({ pulled: 1, updated: 0, unchanged: 1, pulledActions: [{ id: 'SW-1', status: 'Done' }] });
    const sw1 = await action('SW-1');
    expect(sw1.status).toBe('done');
    expect(sw1.history.at(-1)).toMatchObject({ by: SHEET_AUTHOR, changes: [{ field: 'status', from: 'open', to: 'done' }], note: 'Changed in the Google Sheet' });
    expect(w.messenger.to(MEMBER)).toEqual([expect.stringContaining('SW-1 (Action 1: audit s42 safeguarding practice) was marked Done in the Google Sheet (it was Open)')]);
    expect(cellText('SW-1', 'Status')).toBe('Done');
    expect(cellText('SW-1', 'Last update')).toBe('30/11/2026: status open → done (in the Google Sheet)');

    w.fake.resetStats();
    await syncOnce();
    expect(w.fake.stats.posts).toBe(0);
    expect(w.messenger.direct).toHaveLength(1);
  });

  it('an invalid status is reported to the co-chairs once and left in place, until someone puts it right', async () => {
    w = await world();
    await w.add(1);
    await syncOnce();
    const row = rowOf(w.fake, TAB, 'SW-1');
    const status = HEADERS.indexOf('Status');
    type(w.fake, TAB, row, status, 'Finished?');

    const first = await syncOnce();
    expect(southWest(first).invalidStatuses).toEqual(['SW-1']);
    expect(w.messenger.to(CO_CHAIR)).toEqual([expect.stringContaining('the Status of SW-1 (Action 1: audit s42 safeguarding practice) says "Finished?", which is not a status')]);
    expect(w.fake.grid(SPREADSHEET_ID, TAB)[row]![status]).toBe('Finished?');
    expect((await action('SW-1')).status).toBe('open');

    w.fake.resetStats();
    await syncOnce();
    await syncOnce();
    expect(w.messenger.to(CO_CHAIR)).toHaveLength(1);
    expect(w.fake.stats.posts).toBe(0);

    type(w.fake, TAB, row, status, 'In progress');
    await syncOnce();
    expect((await action('SW-1')).status).toBe('in-progress');
    type(w.fake, TAB, row, status, 'Finished?');
    await syncOnce();
    expect(w.messenger.to(CO_CHAIR)).toHaveLength(2);
  });

  it('what could not be taken is logged as structured lines, without the text people typed', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } });
    w = await world({ log });
    await w.add(1);
    await syncOnce();
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), HEADERS.indexOf('Status'), 'Confidential: Mrs Smith');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), HEADERS.indexOf('Activity'), 'Visit Mr Jones');
    await syncOnce();
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, network: 'SW', action: 'SW-1', code: 'invalid-status' }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, network: 'SW', actions: ['SW-1'], cells: 1, msg: 'text typed over bot columns replaced; kept in history' }));
    expect(JSON.stringify(lines)).not.toMatch(/Smith|Jones/);
    expect(JSON.stringify(lines)).not.toContain('PRIVATE KEY');
  });

  it('when the status changed in the bot too, the bot wins and what was typed is kept in the history', async () => {
    w = await world();
    await w.add(1);
    await syncOnce();
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), HEADERS.indexOf('Status'), 'Done');
    await w.update('SW-1', { status: 'blocked', note: 'Waiting for data' });

    const report = await syncOnce();
    expect(southWest(report)).toMatchObject({ pulled: 0, updated: 1 });
    const sw1 = await action('SW-1');
    expect(sw1.status).toBe('blocked');
    expect(sw1.history.at(-1)!.note).toBe('Overwritten in the Google Sheet by the bot\'s values: Status was "Done" (the status had also changed in the bot, which wins)');
    expect(cellText('SW-1', 'Status')).toBe('Blocked');
    expect(w.messenger.direct).toEqual([]);
  });
});

describe('other bot-owned columns', () => {
  it('text typed over them is replaced by the bot and kept in the history', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-2'), HEADERS.indexOf('Activity'), 'Audit s42 (renamed by the ADASS lead)');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-2'), HEADERS.indexOf('RAG'), 'Red');

    const report = await syncOnce();
    expect(southWest(report)).toMatchObject({ updated: 1, unchanged: 1 });
    expect(cellText('SW-2', 'Activity')).toBe('Action 2: audit s42 safeguarding practice');
    expect(cellText('SW-2', 'RAG')).toBe('Green');
    const sw2 = await action('SW-2');
    expect(sw2.history.at(-1)).toMatchObject({
      by: SHEET_AUTHOR, changes: [],
      note: 'Overwritten in the Google Sheet by the bot\'s values: Activity was "Audit s42 (renamed by the ADASS lead)"; RAG was "Red"',
    });
    expect(cellText('SW-2', 'Last update')).toBe('30/11/2026: added');

    w.fake.resetStats();
    await syncOnce();
    expect(w.fake.stats.posts).toBe(0);
  });

  it('dropped actions keep their row, marked Dropped with no RAG', async () => {
    w = await world();
    await w.add(2);
    await syncOnce();
    await w.update('SW-1', { status: 'dropped', note: 'Superseded by SW-2' });
    await syncOnce();
    expect(cellText('SW-1', 'Status')).toBe('Dropped');
    expect(cellText('SW-1', 'RAG')).toBe('');
    expect(cellText('SW-1', 'Last update')).toBe('30/11/2026: Superseded by SW-2');
  });
});

describe('several networks on one spreadsheet', () => {
  it('share its one read and one write, each with its own tab and a Summary row', async () => {
    w = await world();
    await w.add(2);
    await w.inTx('U0EAST', async (o) => {
      const { linkChannel } = await import('../../src/app/networks.ts');
      await linkChannel({ ...o, channelId: 'C0EE' }, 'Eastern');
    });
    const { addAction } = await import('../../src/app/actions.ts');
    await w.inTx('U0EAST', (o) => addAction({ ...o, channelId: 'C0EE' }, { title: 'Eastern action', owner: 'U0EAST', priorities: ['CSW2122.4'], timescalePhrase: 'Spring 2027' }));

    const report = await syncOnce();
    expect(report.networks.map((n) => [n.code, n.added])).toEqual([['EE', 1], ['SW', 2]]);
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 1 });
    expect(w.fake.tabTitles(SPREADSHEET_ID)).toEqual(['Sheet1', 'Eastern', 'South West', 'Summary']);
    expect(w.fake.grid(SPREADSHEET_ID, 'Summary').map((r) => r[0])).toEqual(['Network', 'Eastern', 'South West']);
  });
});

describe('scale', () => {
  it('2,000 actions: one read and one write the first time, a read and nothing else the second, one small write for one change', async () => {
    w = await world();
    await w.inTx(CO_CHAIR, async (o) => {
      const { createAction } = await import('../../src/domain/actions.ts');
      const network = (await o.tx.network('SW'))!;
      for (let i = 1; i <= 2000; i++) {
        await o.tx.saveAction(createAction(`SW-${i}`, 'SW', { title: `Action ${i}`, owner: MEMBER, priorities: ['CSW2122.1'], timescale: { phrase: 'Summer 2027', due: '2027-08-31', ongoing: false } }, MEMBER, NOW));
      }
      await o.tx.saveNetwork({ ...network, lastActionNumber: 2000 });
    });
    const first = await syncOnce();
    expect(southWest(first).added).toBe(2000);
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 1 });
    expect(w.fake.grid(SPREADSHEET_ID, TAB)).toHaveLength(2001);
    expect(w.fake.tabInfo(SPREADSHEET_ID, TAB).rowCount).toBe(2001);

    w.fake.resetStats();
    expect(southWest(await syncOnce()).unchanged).toBe(2000);
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 0 });

    type(w.fake, TAB, 1500, HEADERS.indexOf('Status'), 'Done');
    await w.add(1);
    w.fake.resetStats();
    const third = await syncOnce();
    expect(southWest(third)).toMatchObject({ added: 1, pulled: 1, unchanged: 1999 });
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 1 });
    expect(w.fake.stats.requestKinds).toMatchObject({ appendDimension: 1 });
    expect(w.fake.stats.bytesReceived).toBeLessThan(5000);
    expect(rowOf(w.fake, TAB, 'SW-2001')).toBe(2001);
  });
});
