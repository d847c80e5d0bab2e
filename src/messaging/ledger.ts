import { z } from 'zod';
import type { LocalDate } from '../domain/local-date.ts';
import type { StoreTx } from '../store/store.ts';

/**
 * The sent-message ledger: one keyed record per message a job has sent (or
 * begun to send), so that each message goes out at most once per
 * (recipient, subject, kind, day), however often a job runs and however many
 * processes run it. Kept in the store's keyed records under this kind.
 */
export const LEDGER_KIND = 'sent-message';

export interface MessageKey {
  /** A user ID for a direct message, a channel ID for a post. */
  recipient: string;
  /** What it is about, e.g. a network code, or a network's meeting. */
  subject: string;
  /** reminder, escalation, agenda, digest... */
  kind: string;
  /** The local date of the run the message belongs to. */
  day: LocalDate;
}

/**
 * `sending`: claimed, and the send began but was never confirmed (the process
 *   stopped in between, or the next record update has not happened yet).
 * `sent`: the chat service accepted it.
 * `in-doubt`: the send failed in a way that leaves open whether it arrived.
 * A message the chat service refused outright has no entry: its claim is
 * released so a later run may try again.
 */
export type LedgerState = 'sending' | 'sent' | 'in-doubt';

const entrySchema = z.object({
  state: z.enum(['sending', 'sent', 'in-doubt']),
  job: z.string(),
  network: z.string(),
  actionIds: z.array(z.string()),
  claimedAt: z.string(),
  sentAt: z.string().optional(),
  error: z.string().optional(),
});

export type LedgerEntry = z.infer<typeof entrySchema>;

/** Day first, so a prefix or a comparison finds a day's entries and old days can be pruned. */
export function ledgerKey(key: MessageKey): string {
  return [key.day, key.kind, key.subject, key.recipient].join('|');
}

export function dayOfLedgerKey(key: string): LocalDate {
  return key.slice(0, key.indexOf('|'));
}

export async function ledgerEntry(tx: StoreTx, key: MessageKey): Promise<LedgerEntry | undefined> {
  return parseEntry(await tx.record(LEDGER_KIND, ledgerKey(key)));
}

/**
 * Deletes entries of days before `before`: a day's entries only stop that
 * day's messages going twice, so old ones are history nobody reads.
 */
export async function pruneLedger(tx: StoreTx, before: LocalDate): Promise<number> {
  const old = (await tx.records(LEDGER_KIND)).filter(({ key }) => dayOfLedgerKey(key) < before);
  for (const { key } of old) await tx.deleteRecord(LEDGER_KIND, key);
  return old.length;
}

/** A stored value that is not a ledger entry (hand-edited, or from a newer bot) counts as claimed: never resend on a guess. */
function parseEntry(value: unknown): LedgerEntry | undefined {
  if (value === undefined) return undefined;
  const parsed = entrySchema.safeParse(value);
  return parsed.success ? parsed.data : { state: 'in-doubt', job: 'unknown', network: 'unknown', actionIds: [], claimedAt: '', error: 'unreadable ledger entry' };
}
