import { afterEach, describe, expect, it } from 'vitest';
import { createSheetsSyncJob, sheetsSyncJob } from '../../jobs/sheets-sync.ts';
import type { JobDeps } from '../../jobs/types.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { englandAndWales } from '../support/bank-holidays.ts';
import { CO_CHAIR, MEMBER, NOW, SERVICE_ACCOUNT_EMAIL, serviceAccount, shippedFrameworks, SPREADSHEET_ID, TAB, world, type World } from './helpers.ts';

let w: World;
afterEach(async () => {
  await w.close();
});

/** The job as the scheduler runs it: settings from the environment, the sync built from them. */
async function deps(env: Record<string, string> = {}): Promise<JobDeps> {
  const config = loadConfig({
    GOOGLE_SERVICE_ACCOUNT_JSON: serviceAccount().keyJson,
    GOOGLE_SHEETS_SPREADSHEET_ID: `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=0`,
    GOOGLE_SHEETS_API_URL: w.fake.url,
    ...env,
  });
  return { config, log: silentLogger(), store: w.store, shippedFrameworks: await shippedFrameworks(), messenger: w.messenger, bankHolidays: englandAndWales(), clock: () => NOW };
}

describe('the sheets-sync job', () => {
  it('is named sheets-sync and runs every 10 minutes unless told otherwise', async () => {
    w = await world();
    expect(sheetsSyncJob).toMatchObject({ name: 'sheets-sync', schedule: '*/10 * * * *' });
    expect(createSheetsSyncJob({ schedule: '*/5 * * * *' }).schedule).toBe('*/5 * * * *');
  });

  it('does nothing, and says so, when Google Sheets is not configured', async () => {
    w = await world();
    const d = { ...(await deps()), config: loadConfig({}) };
    expect(await sheetsSyncJob.run(d, NOW)).toEqual({ sent: 0, skipped: 0, failed: 0, detail: { configured: false } });
    expect(w.fake.stats.gets).toBe(0);
  });

  it('syncs from the settings alone and reports what it did', async () => {
    w = await world();
    await w.add(2);
    const report = await sheetsSyncJob.run(await deps(), NOW);
    expect(report).toMatchObject({ sent: 0, skipped: 0, failed: 0, detail: { configured: true, spreadsheets: 1, writes: 1, added: 2, unchanged: 0 } });
    expect(w.fake.grid(SPREADSHEET_ID, TAB)).toHaveLength(3);
  });

  it('reports a failing sync to the co-chairs once, not on every run; recovery clears it and says so', async () => {
    w = await world({ spreadsheet: 'not-shared' });
    await w.add(1);
    const d = await deps();

    const first = await sheetsSyncJob.run(d, NOW);
    expect(first).toMatchObject({ sent: 1, failed: 1, detail: { failedSpreadsheets: [{ spreadsheetId: SPREADSHEET_ID, code: 'not-shared' }] } });
    expect(w.messenger.to(CO_CHAIR)).toEqual([expect.stringContaining(`The Google Sheets sync for the South West network is failing. The spreadsheet ${SPREADSHEET_ID} is not shared with the bot. Open it, choose Share, add ${SERVICE_ACCOUNT_EMAIL} as an Editor`)]);

    for (let i = 0; i < 3; i++) expect(await sheetsSyncJob.run(d, NOW)).toMatchObject({ sent: 0, failed: 1 });
    expect(w.messenger.direct).toHaveLength(1);

    w.fake.share(SPREADSHEET_ID, SERVICE_ACCOUNT_EMAIL);
    expect(await sheetsSyncJob.run(d, NOW)).toMatchObject({ sent: 1, failed: 0 });
    expect(w.messenger.to(CO_CHAIR).at(-1)).toContain('The Google Sheets sync for the South West network works again.');
    expect(await w.store.transaction((tx) => tx.records('sheets-sync-failure'))).toEqual([]);
    await sheetsSyncJob.run(d, NOW);
    expect(w.messenger.direct).toHaveLength(2);
  });

  it('tells the co-chairs again if the failure changes to another reason', async () => {
    w = await world({ spreadsheet: 'not-shared' });
    await w.add(1);
    const d = await deps();
    await sheetsSyncJob.run(d, NOW);
    const other = await deps({ GOOGLE_SHEETS_SPREADSHEET_ID: '1NoSuchSpreadsheetXXXXXXXXXXXXXXXXXXXXXXXXX' });
    await sheetsSyncJob.run(other, NOW);
    await sheetsSyncJob.run(other, NOW);
    expect(w.messenger.to(CO_CHAIR)).toHaveLength(2);
    expect(w.messenger.to(CO_CHAIR)[1]).toContain('There is no spreadsheet with the ID 1NoSuchSpreadsheet');
  });

  it('carries on when a message cannot be delivered, and counts it', async () => {
    w = await world();
    await w.add(1);
    const d = await deps();
    await sheetsSyncJob.run(d, NOW);
    const { rowOf, columnOf, type } = await import('./helpers.ts');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), columnOf(w.fake, TAB, 'Status'), 'Done');
    w.messenger.undeliverable.add(MEMBER);
    const report = await sheetsSyncJob.run(d, NOW);
    expect(report).toMatchObject({ sent: 0, failed: 1, detail: { pulled: 1 } });
    expect((await w.store.transaction((tx) => tx.action('SW-1')))?.status).toBe('done');
  });
});
