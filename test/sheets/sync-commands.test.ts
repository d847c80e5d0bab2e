import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/dispatch.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandContext } from '../../commands/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { renderText } from '../../src/shell/render-text.ts';
import { CHANNEL, CO_CHAIR, MEMBER, NOW, OTHER_SPREADSHEET_ID, SERVICE_ACCOUNT_EMAIL, shippedFrameworks, SPREADSHEET_ID, TAB, world, type World } from './helpers.ts';

let w: World;
afterEach(async () => {
  await w.close();
});

async function psw(line: string, options: { userId?: string; sheets?: boolean } = {}): Promise<string> {
  const ctx: CommandContext = {
    store: w.store, shippedFrameworks: await shippedFrameworks(), now: NOW, timeZone: 'Europe/London',
    userId: options.userId ?? CO_CHAIR, channelId: CHANNEL, log: silentLogger(),
    ...(options.sheets !== false && { sheets: w.sync }),
  };
  return renderText(await runCommand(line, ctx, COMMANDS));
}

describe('/psw sync', () => {
  it('explains how to set Google Sheets up when the bot has no service account', async () => {
    w = await world();
    const text = await psw('/psw sync', { sheets: false });
    expect(text).toContain('Google Sheets is not set up for this bot yet');
    expect(text).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(text).toContain('Connect to Google Sheets');
  });

  it('runs a sync now and reports what changed', async () => {
    w = await world();
    await w.add(2);
    expect(await psw('/psw sync', { userId: MEMBER })).toBe(
      `Synced the South West network with its Google Sheet: 2 added, 0 updated, 0 pulled from the sheet, 0 unchanged.\n  - The "South West" tab was added to the spreadsheet.\n  https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit`,
    );
    const { rowOf, columnOf, type } = await import('./helpers.ts');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-2'), columnOf(w.fake, TAB, 'Status'), 'in progress');
    type(w.fake, TAB, rowOf(w.fake, TAB, 'SW-1'), columnOf(w.fake, TAB, 'Status'), 'nearly there');
    await w.add(1);
    const text = await psw('/psw sync');
    expect(text).toContain('1 added, 0 updated, 1 pulled from the sheet, 1 unchanged');
    expect(text).toContain('SW-2 is now In progress, as typed in the sheet; its owner has been told.');
    expect(text).toContain('The Status of SW-1 in the sheet is not a status, so it was left as it is.');
    expect(await psw('/psw action show SW-2')).toContain('30 Nov 2026 10:00 the Google Sheet: status open → in-progress — "Changed in the Google Sheet"');
  });

  it('says what failed, naming the account to share the sheet with', async () => {
    w = await world({ spreadsheet: 'not-shared' });
    const text = await psw('/psw sync');
    expect(text).toBe(`Sorry: The sync with the Google Sheet failed. The spreadsheet ${SPREADSHEET_ID} is not shared with the bot. Open it, choose Share, add ${SERVICE_ACCOUNT_EMAIL} as an Editor, then sync again.`);
    expect(w.messenger.direct).toEqual([]);
  });

  it('takes no words after it', async () => {
    w = await world();
    expect(await psw('/psw sync now please')).toContain('This command takes no words after it');
  });
});

describe('/psw sync sheet', () => {
  it('lets a co-chair point the network at a spreadsheet by its address, which the next sync uses', async () => {
    w = await world();
    w.fake.createSpreadsheet(OTHER_SPREADSHEET_ID, { editors: [SERVICE_ACCOUNT_EMAIL] });
    await w.add(1);
    const text = await psw(`/psw sync sheet <https://docs.google.com/spreadsheets/d/${OTHER_SPREADSHEET_ID}/edit#gid=0>`);
    expect(text).toContain(`now syncs to https://docs.google.com/spreadsheets/d/${OTHER_SPREADSHEET_ID}/edit`);
    expect(text).toContain(`shared with ${SERVICE_ACCOUNT_EMAIL} as an Editor`);
    expect((await w.store.transaction((tx) => tx.network('SW')))?.spreadsheetId).toBe(OTHER_SPREADSHEET_ID);

    await psw('/psw sync');
    expect(w.fake.grid(OTHER_SPREADSHEET_ID, TAB)).toHaveLength(2);
    expect(w.fake.tabTitles(SPREADSHEET_ID)).toEqual(['Sheet1']);

    expect(await psw('/psw sync sheet default')).toContain(`now syncs to the default spreadsheet (https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit)`);
    expect((await w.store.transaction((tx) => tx.network('SW')))?.spreadsheetId).toBeUndefined();
  });

  it('is for co-chairs only', async () => {
    w = await world();
    expect(await psw(`/psw sync sheet ${OTHER_SPREADSHEET_ID}`, { userId: MEMBER })).toContain('You are a member of the South West network, so you cannot do that');
  });

  it('refuses what is not a spreadsheet, saying why', async () => {
    w = await world();
    expect(await psw('/psw sync sheet https://example.org/my-sheet')).toContain('That address is not a Google Sheets address');
    expect(await psw('/psw sync sheet abc')).toContain('"abc" is not a spreadsheet ID');
    expect(await psw('/psw sync sheet https://docs.google.com/spreadsheets/d/e/2PACX-1vQabcdefghijklmnopqrstuvwxyz/pubhtml')).toContain('"Publish to the web" link');
    expect(await psw('/psw sync sheet')).toContain('The spreadsheet ID or address is missing');
  });

  it('is listed in help', async () => {
    w = await world();
    const help = await psw('/psw help');
    expect(help).toContain("/psw sync: Sync this network's actions with its Google Sheet now");
    expect(help).toContain('/psw sync sheet <spreadsheet ID or address | default>: Choose the Google spreadsheet this network syncs to (co-chairs)');
  });
});
