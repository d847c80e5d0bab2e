import { readFileSync } from 'node:fs';
import { parseBankHolidays } from '../../src/bank-holidays-file.ts';
import type { BankHolidays } from '../../src/domain/working-days.ts';

export const BANK_HOLIDAYS_FILE = 'data/bank-holidays/england-and-wales.json';

/** The bundled England and Wales list, as the bot loads it. */
export function englandAndWales(): BankHolidays {
  return parseBankHolidays(BANK_HOLIDAYS_FILE, readFileSync(BANK_HOLIDAYS_FILE, 'utf8'));
}
