import { z } from 'zod';
import { networkToSync } from '../src/app/spreadsheet.ts';
import type { NetworkSyncReport } from '../src/sheets/sheets-sync.ts';
import { spreadsheetUrl } from '../src/sheets/spreadsheet-id.ts';
import { inTransaction } from './format.ts';
import { context, list, reply, text, type Reply } from './reply.ts';
import { defineCommand } from './types.ts';

/** Shown wherever Sheets is asked for but not configured. */
export function sheetsSetupReply(): Reply {
  return reply(
    text('Google Sheets is not set up for this bot yet. Whoever runs the bot can connect it in a few minutes:'),
    list([
      'In Google Cloud, create a service account, enable the Google Sheets API for its project, and download a JSON key for it.',
      'Set GOOGLE_APPLICATION_CREDENTIALS to the key file\'s path (or GOOGLE_SERVICE_ACCOUNT_JSON to the key itself) and GOOGLE_SHEETS_SPREADSHEET_ID to the sheet\'s address, then restart the bot.',
      'Share the spreadsheet with the service account\'s email address as an Editor.',
      'Run `/psw sync`. After that the bot syncs every 10 minutes on its own.',
    ]),
    context('The README\'s "Connect to Google Sheets" section has the details.'),
  );
}

export default defineCommand({
  name: 'sync',
  summary: "Sync this network's actions with its Google Sheet now",
  usage: 'sync',
  details: [
    'The bot keeps one tab per network (ID, Priority, Activity, Owner, Resources, Timescale, Due, Status, RAG, Last update, Drivers/Comments) and a Summary tab, and syncs on its own every few minutes; this runs a sync straight away.',
    'Rows are matched by action ID, so sorting, filtering, inserting rows and adding your own columns to the right are all fine. A status typed into the Status column is taken into the bot; other columns are the bot\'s, and anything typed over them is kept in the action\'s history.',
    'A co-chair chooses the spreadsheet with `/psw sync sheet <address>`.',
  ],
  examples: ['sync'],
  args: z.object({ text: z.literal('', { message: 'This command takes no words after it. To choose the spreadsheet, use `/psw sync sheet <ID or address>`' }) }),
  async run(_args, ctx) {
    if (!ctx.sheets) return sheetsSetupReply();
    const sheets = ctx.sheets;
    const network = await inTransaction(ctx, (op) => networkToSync(op));
    const spreadsheetId = sheets.spreadsheetFor(network);
    if (spreadsheetId === null) {
      return reply(text(`No spreadsheet is set for the ${network.name} network. A co-chair can choose one with \`/psw sync sheet <ID or address>\`.`));
    }
    const report = await sheets.syncSpreadsheet(spreadsheetId, ctx.now, { tellCoChairsOfFailure: false });
    if (!report.ok) return reply({ type: 'error', text: `The sync with the Google Sheet failed. ${report.failure.message}` });
    const mine = report.networks.find((n) => n.code === network.code);
    if (!mine) return reply({ type: 'error', text: `The spreadsheet was synced, but the ${network.name} network was not in it. Try again.` });
    return reply(
      text(`Synced the ${network.name} network with its Google Sheet: ${countsLine(mine)}.`),
      ...details(mine),
      context(spreadsheetUrl(spreadsheetId)),
    );
  },
});

function countsLine(n: NetworkSyncReport): string {
  const parts = [`${n.added} added`, `${n.updated} updated`, `${n.pulled} pulled from the sheet`, `${n.unchanged} unchanged`];
  if (n.markedRemoved > 0) parts.push(`${n.markedRemoved} marked removed`);
  return parts.join(', ');
}

function details(n: NetworkSyncReport): ReturnType<typeof list>[] {
  const lines: string[] = [];
  if (n.tabRecreated) lines.push(`The "${n.name}" tab was missing (deleted or renamed), so it was made again. A renamed copy, if any, is left as it is.`);
  else if (n.tabCreated) lines.push(`The "${n.name}" tab was added to the spreadsheet.`);
  for (const h of n.headersRepaired) lines.push(`The "${h.header}" header had been changed${h.found ? ` to "${h.found}"` : ''}; it is put back.`);
  if (n.columnsRestored.length > 0) lines.push(`Columns the bot needs were missing and were added back: ${n.columnsRestored.join(', ')}.`);
  for (const p of n.pulledActions) lines.push(`${p.id} is now ${p.status}, as typed in the sheet; its owner has been told.`);
  if (n.invalidStatuses.length > 0) lines.push(`The Status of ${n.invalidStatuses.join(', ')} in the sheet is not a status, so it was left as it is. Use Open, In progress, Blocked, Done or Dropped.`);
  lines.push(...n.problems);
  return lines.length > 0 ? [list(lines)] : [];
}
