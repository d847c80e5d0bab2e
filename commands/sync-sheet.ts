import { z } from 'zod';
import { setNetworkSpreadsheet } from '../src/app/spreadsheet.ts';
import { spreadsheetUrl } from '../src/sheets/spreadsheet-id.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, context, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'sync sheet',
  summary: 'Choose the Google spreadsheet this network syncs to (co-chairs)',
  usage: 'sync sheet <spreadsheet ID or address | default>',
  details: [
    'Paste the sheet\'s address from the browser bar, or just its ID (the long part between /d/ and /edit). `default` goes back to the spreadsheet the bot is set up with.',
    'The bot writes a tab named after the network and a Summary tab; other tabs are left alone. Share the spreadsheet with the bot\'s service account as an Editor.',
  ],
  examples: ['sync sheet https://docs.google.com/spreadsheets/d/1Qw3rTy-UiOp_AsDfGhJkLzXcVbNm0123456789abcde/edit', 'sync sheet default'],
  args: z.object({ text: requiredText('The spreadsheet ID or address') }).transform((i) => ({ sheet: i.text })),
  async run({ sheet }, ctx) {
    const { network } = await inTransaction(ctx, (op) => setNetworkSpreadsheet(op, sheet));
    const id = network.spreadsheetId ?? ctx.sheets?.defaultSpreadsheetId ?? null;
    const where = network.spreadsheetId ? spreadsheetUrl(network.spreadsheetId) : `the default spreadsheet${id ? ` (${spreadsheetUrl(id)})` : ', which is not set, so it will not sync until a co-chair chooses one'}`;
    return announce(
      text(`The ${network.name} network's action plan now syncs to ${where}.`),
      context(ctx.sheets
        ? `Make sure the spreadsheet is shared with ${ctx.sheets.serviceAccountEmail} as an Editor, then run \`/psw sync\`.`
        : 'Google Sheets is not set up for this bot yet, so nothing will sync until it is; `/psw sync` says how.'),
    );
  },
});
