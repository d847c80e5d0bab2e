import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { GoogleSheets, SheetsError } from '../../src/sheets/sheets-client.ts';
import { FakeSheetsApi, generateServiceAccount } from './fake-sheets-api.ts';
import { NOW, OTHER_SPREADSHEET_ID, SERVICE_ACCOUNT_EMAIL, SPREADSHEET_ID, TAB, world, type World } from './helpers.ts';
import { parseServiceAccountKey } from '../../src/config.ts';

let w: World;
afterEach(async () => {
  await w.close();
});

async function sync(): Promise<Awaited<ReturnType<World['sync']['syncAll']>>['spreadsheets'][number]> {
  return (await w.sync.syncAll(NOW)).spreadsheets[0]!;
}

describe('rate limits (429)', () => {
  it('a read answered 429 is tried again after the Retry-After the server asked for', async () => {
    w = await world();
    await w.add(2);
    w.fake.faults.push({ method: 'GET', status: 429, retryAfter: '7' });
    const report = await sync();
    expect(report.ok).toBe(true);
    expect(w.sleeps).toEqual([7000]);
    expect(w.fake.stats).toMatchObject({ gets: 2, posts: 1, appliedBatchUpdates: 1 });
  });

  it('a write answered 429 is sent again (Google refuses before doing anything) and applied once', async () => {
    w = await world();
    await w.add(2);
    w.fake.faults.push({ method: 'POST', status: 429, retryAfter: 'Mon, 30 Nov 2026 10:00:03 GMT' });
    w.fake.faults.push({ method: 'POST', status: 429 });
    const report = await sync();
    expect(report.ok).toBe(true);
    // Retry-After as a date (3s after the injected clock), then exponential backoff from 1s with none given.
    expect(w.sleeps).toEqual([3000, 2000]);
    expect(w.fake.stats).toMatchObject({ gets: 1, posts: 3, appliedBatchUpdates: 1 });
    expect(w.fake.grid(SPREADSHEET_ID, TAB)).toHaveLength(3);
  });

  it('gives up after the attempt limit, or at once when Retry-After is longer than the longest wait', async () => {
    w = await world({ retry: { attempts: 3 } });
    await w.add(1);
    for (let i = 0; i < 5; i++) w.fake.faults.push({ method: 'GET', status: 429 });
    const report = await sync();
    expect(report).toMatchObject({ ok: false, failure: { code: 'rate-limited' } });
    expect(w.fake.stats.gets).toBe(3);
    expect(w.sleeps).toEqual([1000, 2000]);

    w.fake.faults.splice(0);
    w.fake.faults.push({ method: 'GET', status: 429, retryAfter: '3600' });
    w.fake.resetStats();
    w.sleeps.splice(0);
    expect(await sync()).toMatchObject({ ok: false, failure: { code: 'rate-limited' } });
    expect(w.fake.stats.gets).toBe(1);
    expect(w.sleeps).toEqual([]);
  });
});

describe('server errors (5xx)', () => {
  it("gaxios's own retries are off: a read answered 503 twice is tried exactly three times, with our backoff", async () => {
    w = await world();
    await w.add(1);
    w.fake.faults.push({ method: 'GET', status: 503 }, { method: 'GET', status: 500 });
    expect((await sync()).ok).toBe(true);
    expect(w.fake.stats.gets).toBe(3);
    expect(w.sleeps).toEqual([1000, 2000]);
  });

  it('a write refused with 503 before it was applied: read again, same plan, sent again, applied once', async () => {
    w = await world();
    await w.add(3);
    w.fake.faults.push({ method: 'POST', status: 503 });
    const report = await sync();
    expect(report).toMatchObject({ ok: true, wrote: true });
    expect(w.fake.stats).toMatchObject({ gets: 2, posts: 2, appliedBatchUpdates: 1 });
    expect(w.sleeps).toEqual([1000]);
    expect(w.fake.grid(SPREADSHEET_ID, TAB).map((r) => r[0])).toEqual(['ID', 'SW-1', 'SW-2', 'SW-3']);
  });

  it('a write applied and then answered 503: read again, nothing left to do, not sent again, nothing doubled', async () => {
    w = await world();
    await w.add(3);
    w.fake.faults.push({ method: 'POST', status: 503, afterApply: true });
    const report = await sync();
    expect(report).toMatchObject({ ok: true, wrote: true });
    expect(w.fake.stats).toMatchObject({ gets: 2, posts: 1, appliedBatchUpdates: 1 });
    expect(w.fake.grid(SPREADSHEET_ID, TAB).map((r) => r[0])).toEqual(['ID', 'SW-1', 'SW-2', 'SW-3']);
    expect(w.fake.tabTitles(SPREADSHEET_ID)).toEqual(['Sheet1', 'South West', 'Summary']);
    expect(w.fake.tabInfo(SPREADSHEET_ID, TAB).conditionalFormats).toHaveLength(3);
    expect(w.fake.tabInfo(SPREADSHEET_ID, TAB).metadata).toHaveLength(11);
  });

  it('a status pulled from the sheet is taken once even when the write is applied and then answered 502', async () => {
    w = await world();
    await w.add(1);
    await sync();
    const { rowOf, columnOf, type } = await import('./helpers.ts');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), columnOf(w.fake, TAB, 'Status'), 'Blocked');
    w.fake.faults.push({ method: 'POST', status: 502, afterApply: true });
    const report = await sync();
    expect(report.ok).toBe(true);
    const action = await w.store.transaction((tx) => tx.action('SW-1'));
    expect(action?.status).toBe('blocked');
    expect(action?.history.filter((h) => h.note === 'Changed in the Google Sheet')).toHaveLength(1);
  });

  it('text the applied write replaced still reaches the history, once, though the second read no longer shows it', async () => {
    w = await world();
    await w.add(1);
    await sync();
    const { rowOf, columnOf, type } = await import('./helpers.ts');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), columnOf(w.fake, TAB, 'Activity'), 'Typed by the ADASS lead');
    w.fake.faults.push({ method: 'POST', status: 503, afterApply: true });
    expect((await sync()).ok).toBe(true);
    const action = await w.store.transaction((tx) => tx.action('SW-1'));
    expect(action?.history.filter((h) => h.note?.includes('Activity was "Typed by the ADASS lead"'))).toHaveLength(1);

    w.fake.faults.push({ method: 'POST', status: 503 });
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), columnOf(w.fake, TAB, 'Activity'), 'Typed again');
    expect((await sync()).ok).toBe(true);
    const again = await w.store.transaction((tx) => tx.action('SW-1'));
    expect(again?.history.at(-1)?.note).toBe('Overwritten in the Google Sheet by the bot\'s values: Activity was "Typed again"');
  });

  it('gives up after the attempt limit; a failing write that was never applied leaves the store as it was', async () => {
    w = await world({ retry: { attempts: 2 } });
    await w.add(1);
    w.fake.faults.push({ method: 'POST', status: 500 }, { method: 'POST', status: 500 });
    const report = await sync();
    expect(report).toMatchObject({ ok: false, failure: { code: 'unavailable' } });
    expect(report.ok || report.failure.message).toContain('HTTP 500');
    expect(w.fake.stats).toMatchObject({ posts: 2, appliedBatchUpdates: 0 });
    expect(await w.store.transaction((tx) => tx.records('sheets-sync-base'))).toEqual([]);
  });
});

describe('the errors people really hit', () => {
  it('403: the sheet is not shared with the bot; the message names the service account to share it with', async () => {
    w = await world({ spreadsheet: 'not-shared' });
    await w.add(1);
    const report = await sync();
    expect(report).toMatchObject({ ok: false, failure: { code: 'not-shared' } });
    expect(report.ok || report.failure.message).toBe(`The spreadsheet ${SPREADSHEET_ID} is not shared with the bot. Open it, choose Share, add ${SERVICE_ACCOUNT_EMAIL} as an Editor, then sync again.`);
    expect(w.fake.stats.gets).toBe(1);
    expect(w.sleeps).toEqual([]);
  });

  it('404: a wrong spreadsheet ID says so', async () => {
    w = await world({ spreadsheet: 'missing' });
    await w.add(1);
    const report = await sync();
    expect(report).toMatchObject({ ok: false, failure: { code: 'not-found' } });
    expect(report.ok || report.failure.message).toMatch(new RegExp(`^There is no spreadsheet with the ID ${SPREADSHEET_ID}, or it has been deleted`));
  });

  it('401: a key Google does not know (deleted or disabled)', async () => {
    w = await world();
    const stranger = parseServiceAccountKey(generateServiceAccount('stranger@psw-network-bot.iam.gserviceaccount.com').keyJson);
    if (typeof stranger === 'string') throw new Error(stranger);
    const api = new GoogleSheets({ serviceAccount: stranger, apiUrl: w.fake.url, log: silentLogger() });
    const error = await api.read(SPREADSHEET_ID).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SheetsError);
    expect(error).toMatchObject({ code: 'credentials', status: 401 });
    expect(w.fake.stats.unauthenticated).toBe(1);
  });

  it('an API that cannot be reached is named, after the retries', async () => {
    const fake = await new FakeSheetsApi().start();
    const url = fake.url;
    await fake.stop();
    w = await world({ fake: await new FakeSheetsApi().start(), retry: { attempts: 2 } });
    const { key } = (await import('./helpers.ts')).serviceAccount();
    const sleeps: number[] = [];
    const api = new GoogleSheets({ serviceAccount: key, apiUrl: url, log: silentLogger(), retry: { attempts: 2, sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); } } });
    const error = await api.read(OTHER_SPREADSHEET_ID).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect((error as Error).message).toContain(url);
    expect(sleeps).toEqual([1000]);
    await w.fake.stop();
  });
});
