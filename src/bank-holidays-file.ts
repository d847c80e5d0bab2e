import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DataFileError } from './errors.ts';
import { isLocalDate } from './domain/local-date.ts';
import { BankHolidays } from './domain/working-days.ts';

/**
 * The bundled bank-holiday list (data/bank-holidays/england-and-wales.json).
 * It has the shape of one division of GOV.UK's bank-holidays.json, so a
 * new year is added by copying that division's `events` (see the README);
 * extra fields there (`notes`, `bunting`) are accepted and ignored.
 */
const bankHolidayFileSchema = z.object({
  division: z.string().min(1),
  source: z.string().optional(),
  events: z.array(z.object({
    title: z.string().trim().min(1, 'must not be empty'),
    date: z.string().refine(isLocalDate, 'must be a real date written YYYY-MM-DD'),
  })).min(1, 'must list at least one holiday'),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.events.forEach((event, i) => {
    if (seen.has(event.date)) ctx.addIssue({ code: 'custom', path: ['events', i, 'date'], message: `${event.date} is listed twice` });
    seen.add(event.date);
  });
});

export async function loadBankHolidays(file: string): Promise<BankHolidays> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as Error).message}). Set BANK_HOLIDAYS_FILE to the bank-holiday list (the bundled one is data/bank-holidays/england-and-wales.json).`);
  }
  return parseBankHolidays(file, text);
}

export function parseBankHolidays(file: string, text: string): BankHolidays {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, `is not valid JSON (${(error as Error).message}).`);
  }
  const result = bankHolidayFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 10).map((issue) => `- at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new DataFileError(file, `is not a valid bank-holiday list:\n${problems.join('\n')}`);
  }
  return new BankHolidays(result.data.events);
}
