import { connectSheets } from '../src/sheets/connect.ts';
import type { SheetsSync } from '../src/sheets/sheets-sync.ts';
import type { Job, JobDeps, JobReport } from './types.ts';

export const DEFAULT_SHEETS_SYNC_SCHEDULE = '*/10 * * * *';

export interface SheetsSyncJobOptions {
  /** Cron expression; register the job with `config.sheetsSyncSchedule` to honour SHEETS_SYNC_SCHEDULE. */
  schedule?: string;
  /** How the job gets its sync; tests inject one. Undefined means Google Sheets is not configured. */
  connect?: (deps: JobDeps) => SheetsSync | undefined;
}

/**
 * Mirrors every network's action plan to its Google Sheet and takes back
 * statuses typed there. A spreadsheet that keeps failing is reported to its
 * networks' co-chairs once (kept in a store record), not on every run; the
 * first good sync after it clears the record and says so.
 */
export function createSheetsSyncJob(options: SheetsSyncJobOptions = {}): Job {
  const connect = options.connect ?? ((deps: JobDeps) => connectSheets(deps, deps.messenger));
  return {
    name: 'sheets-sync',
    schedule: options.schedule ?? DEFAULT_SHEETS_SYNC_SCHEDULE,
    summary: 'Sync each network\'s actions with its Google Sheet (two-way for Status)',
    async run(deps: JobDeps, now: Date): Promise<JobReport> {
      const log = deps.log.child({ job: 'sheets-sync' });
      const sync = connect(deps);
      if (!sync) {
        log.info('Google Sheets is not configured; nothing to sync');
        return { sent: 0, skipped: 0, failed: 0, detail: { configured: false } };
      }
      const report = await sync.syncAll(now);
      const ok = report.spreadsheets.filter((s) => s.ok);
      const total = (key: 'added' | 'updated' | 'pulled' | 'unchanged'): number => ok.reduce((sum, s) => sum + s.networks.reduce((n, x) => n + x[key], 0), 0);
      return {
        sent: report.spreadsheets.reduce((n, s) => n + s.messagesSent, 0),
        skipped: report.unassigned.length,
        failed: report.spreadsheets.filter((s) => !s.ok).length + report.spreadsheets.reduce((n, s) => n + s.messagesFailed, 0),
        detail: {
          configured: true,
          spreadsheets: report.spreadsheets.length,
          failedSpreadsheets: report.spreadsheets.flatMap((s) => (s.ok ? [] : [{ spreadsheetId: s.spreadsheetId, code: s.failure.code }])),
          writes: ok.filter((s) => s.wrote).length,
          added: total('added'), updated: total('updated'), pulled: total('pulled'), unchanged: total('unchanged'),
          networksWithoutSpreadsheet: report.unassigned,
        },
      };
    },
  };
}

export const sheetsSyncJob: Job = createSheetsSyncJob();
