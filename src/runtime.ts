import { loadBankHolidays } from './bank-holidays-file.ts';
import type { Config } from './config.ts';
import type { FrameworkCatalogue } from './domain/frameworks.ts';
import type { BankHolidays } from './domain/working-days.ts';
import { loadShippedFrameworks } from './framework-files.ts';
import type { Logger } from './logger.ts';
import { JsonFileStore } from './store/json-file-store.ts';
import type { Store } from './store/store.ts';

/** What every front end and job shares in one process. Built once at start. */
export interface Runtime {
  config: Config;
  log: Logger;
  store: Store;
  shippedFrameworks: FrameworkCatalogue;
  /** England and Wales bank holidays, for working days (reminders, agendas). */
  bankHolidays: BankHolidays;
}

export async function createRuntime(config: Config, log: Logger): Promise<Runtime> {
  const shippedFrameworks = await loadShippedFrameworks(config.frameworksDir);
  const bankHolidays = await loadBankHolidays(config.bankHolidaysFile);
  const store = await JsonFileStore.open(config.dataFile);
  return { config, log, store, shippedFrameworks, bankHolidays };
}
