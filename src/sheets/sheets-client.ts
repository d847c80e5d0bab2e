import { setTimeout as delay } from 'node:timers/promises';
import { auth, sheets, type sheets_v4 } from '@googleapis/sheets';
import type { ServiceAccountKey } from '../config.ts';
import type { Logger } from '../logger.ts';
import { parseSpreadsheet, READ_FIELDS, type SpreadsheetSnapshot } from './snapshot.ts';

/**
 * The Sheets adapter: one read (spreadsheets.get) and one write
 * (spreadsheets.batchUpdate) per spreadsheet, nothing else.
 *
 * gaxios's own retries are switched off (`retry: false`): they ignore
 * Retry-After and are not ours to count. Retries happen here instead:
 * - a read is retried on 408, 429, 5xx and on no answer at all;
 * - a write is retried here only on 429, which Google sends before doing
 *   anything. A write that got a 5xx or no answer may or may not have been
 *   applied, so it is NOT resent blindly: it fails as `uncertain`, and the
 *   sync reads the sheet again and plans afresh (an applied write then
 *   plans to nothing), so no change is ever applied twice.
 */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export interface SheetsApi {
  readonly serviceAccountEmail: string;
  readonly retry: RetryPolicy;
  read(spreadsheetId: string): Promise<SpreadsheetSnapshot>;
  write(spreadsheetId: string, requests: sheets_v4.Schema$Request[]): Promise<void>;
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Longest wait; a Retry-After asking for longer ends the retries. */
  maxDelayMs: number;
  sleep(ms: number): Promise<void>;
  /** Clock for Retry-After dates. */
  now(): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => delay(ms),
  now: () => Date.now(),
};

/** Wait before try number `attempt + 1`: Retry-After when the server gave one, else 1s, 2s, 4s... */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  return retryAfterMs ?? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export type SheetsErrorCode = 'not-shared' | 'api-disabled' | 'not-found' | 'credentials' | 'rejected' | 'rate-limited' | 'unavailable' | 'unreachable';

/** A failed read or write, with a message written for a co-chair. */
export class SheetsError extends Error {
  readonly code: SheetsErrorCode;
  readonly status: number | undefined;
  /** A write that may have been applied although it failed. */
  readonly uncertain: boolean;

  constructor(code: SheetsErrorCode, message: string, options: { status?: number; uncertain?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SheetsError';
    this.code = code;
    this.status = options.status;
    this.uncertain = options.uncertain ?? false;
  }
}

export interface GoogleSheetsOptions {
  serviceAccount: ServiceAccountKey;
  /** Origin of the API, e.g. https://sheets.googleapis.com/ */
  apiUrl: string;
  log: Logger;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export class GoogleSheets implements SheetsApi {
  readonly serviceAccountEmail: string;
  readonly retry: RetryPolicy;
  readonly #api: sheets_v4.Sheets;
  readonly #apiUrl: string;
  readonly #log: Logger;

  constructor(options: GoogleSheetsOptions) {
    this.serviceAccountEmail = options.serviceAccount.clientEmail;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#apiUrl = options.apiUrl;
    this.#log = options.log.child({ component: 'sheets' });
    const jwt = new auth.JWT({
      email: options.serviceAccount.clientEmail,
      key: options.serviceAccount.privateKey,
      keyId: options.serviceAccount.privateKeyId,
      scopes: [SHEETS_SCOPE],
    });
    // Sign our own short-lived JWT instead of trading it at the OAuth token endpoint: one round trip fewer, one service less to fail.
    jwt.useJWTAccessWithScope = true;
    this.#api = sheets({ version: 'v4', auth: jwt, rootUrl: options.apiUrl, retry: false, timeout: options.timeoutMs ?? 120_000 });
  }

  async read(spreadsheetId: string): Promise<SpreadsheetSnapshot> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.#api.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: READ_FIELDS });
        return parseSpreadsheet(spreadsheetId, response.data);
      } catch (error) {
        await this.#retryOrThrow(error, spreadsheetId, 'read', attempt, isRetryableRead(error));
      }
    }
  }

  async write(spreadsheetId: string, requests: sheets_v4.Schema$Request[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests, includeSpreadsheetInResponse: false } });
        return;
      } catch (error) {
        await this.#retryOrThrow(error, spreadsheetId, 'write', attempt, statusOf(error) === 429);
      }
    }
  }

  async #retryOrThrow(error: unknown, spreadsheetId: string, call: 'read' | 'write', attempt: number, retryable: boolean): Promise<void> {
    const status = statusOf(error);
    const retryAfterMs = retryAfterOf(error, this.retry.now());
    const wait = backoffMs(this.retry, attempt, retryAfterMs);
    if (retryable && attempt < this.retry.attempts && wait <= this.retry.maxDelayMs) {
      this.#log.warn({ spreadsheet: spreadsheetId, call, status: status ?? null, attempt, waitMs: wait }, 'Sheets API call failed; retrying');
      await this.retry.sleep(wait);
      return;
    }
    const mapped = this.#describe(error, spreadsheetId, call, attempt);
    this.#log.warn({ spreadsheet: spreadsheetId, call, status: status ?? null, attempt, code: mapped.code, uncertain: mapped.uncertain }, 'Sheets API call failed');
    throw mapped;
  }

  #describe(error: unknown, id: string, call: 'read' | 'write', attempts: number): SheetsError {
    const status = statusOf(error);
    const tries = attempts > 1 ? ` after ${attempts} tries` : '';
    const uncertain = call === 'write' && (status === undefined || status === 408 || status >= 500);
    const apiMessage = error instanceof Error ? error.message : String(error);
    if (status === 403 && /has not been used|is disabled|SERVICE_DISABLED/i.test(apiMessage)) {
      return new SheetsError('api-disabled', `The Google Sheets API is not enabled in the Google Cloud project of the service account ${this.serviceAccountEmail}. Enable it (APIs & Services > Library > Google Sheets API), then sync again.`, { status, cause: error });
    }
    if (status === 403) {
      return new SheetsError('not-shared', `The spreadsheet ${id} is not shared with the bot. Open it, choose Share, add ${this.serviceAccountEmail} as an Editor, then sync again.`, { status, cause: error });
    }
    if (status === 404) {
      return new SheetsError('not-found', `There is no spreadsheet with the ID ${id}, or it has been deleted. Check the ID in the sheet's address (the part after /d/); a co-chair can set it with \`/psw sync sheet <address>\`.`, { status, cause: error });
    }
    if (status === 401) {
      return new SheetsError('credentials', `Google refused the service account's credentials (${this.serviceAccountEmail}): its key may have been deleted or disabled. Create a new JSON key and update the bot's settings.`, { status, cause: error });
    }
    if (status === 429) {
      return new SheetsError('rate-limited', `Google's Sheets API rate limit was still reached${tries}. The next sync will try again.`, { status, cause: error });
    }
    if (status === undefined) {
      return new SheetsError('unreachable', `The Google Sheets API at ${this.#apiUrl} could not be reached${tries} (${networkCodeOf(error)}).`, { uncertain, cause: error });
    }
    if (status >= 500 || status === 408) {
      return new SheetsError('unavailable', `Google Sheets answered with an error (HTTP ${status})${tries}. The next sync will try again.`, { status, uncertain, cause: error });
    }
    return new SheetsError('rejected', `Google Sheets refused the ${call} (HTTP ${status}): ${apiMessage}`, { status, cause: error });
  }
}

function isRetryableRead(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

/** The HTTP status of a gaxios error; undefined when no answer came. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; response?: { status?: unknown } };
  const status = e.status ?? e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function networkCodeOf(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : 'no answer';
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterOf(error: unknown, now: number): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  // Duck-typed: the Headers class gaxios got from fetch need not be this realm's.
  const value = typeof (headers as Headers | undefined)?.get === 'function' ? (headers as Headers).get('retry-after') : undefined;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
