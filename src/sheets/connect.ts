import type { Messenger } from '../messaging/messenger.ts';
import type { Runtime } from '../runtime.ts';
import { GoogleSheets } from './sheets-client.ts';
import { SheetsSync } from './sheets-sync.ts';

/** The Sheets sync for this runtime, or undefined when no service account is configured. */
export function connectSheets(runtime: Runtime, messenger: Messenger): SheetsSync | undefined {
  const settings = runtime.config.sheets;
  if (!settings) return undefined;
  const api = new GoogleSheets({ serviceAccount: settings.serviceAccount, apiUrl: settings.apiUrl, log: runtime.log });
  return new SheetsSync({
    store: runtime.store,
    shippedFrameworks: runtime.shippedFrameworks,
    api,
    messenger,
    log: runtime.log,
    timeZone: runtime.config.timeZone,
    defaultSpreadsheetId: settings.defaultSpreadsheetId,
  });
}
