import type { Reply } from '../../commands/reply.ts';
import type { Logger } from '../logger.ts';
import type { Store, StoreTx } from '../store/store.ts';
import { LEDGER_KIND, ledgerEntry, ledgerKey, type LedgerEntry, type MessageKey } from './ledger.ts';
import { DeliveryError, type Messenger } from './messenger.ts';

/** Where a message goes: one person's direct messages, or a channel. */
export type Destination = { direct: string } | { channel: string };

/** One message a job wants to send. */
export interface Outgoing {
  key: MessageKey;
  to: Destination;
  network: string;
  /**
   * Builds the message from the store as it is at that moment, inside the
   * transaction that claims it: actions done, dropped or snoozed since the
   * job planned the run are left out. Undefined when nothing is left to say.
   */
  compose(tx: StoreTx): Promise<Composed | undefined>;
}

export interface Composed {
  reply: Reply;
  /** The actions the message is about: logged, never their titles. */
  actionIds: string[];
}

export interface DeliveryReport {
  sent: number;
  /** Already in the ledger as sent, by an earlier run or another process. */
  alreadySent: number;
  /**
   * Claimed by another run that has not confirmed it: still sending (another
   * process) or stopped mid-send. Not sent again.
   */
  claimedElsewhere: number;
  /** A send that failed without saying whether it arrived, now or in an earlier run. Not sent again. */
  inDoubt: number;
  /** Nothing left to say by the time it was due to go. */
  nothingLeft: number;
  /** Refused by the chat service for this recipient (DeliveryError); released for a later run. */
  refused: number;
}

/**
 * A run that stopped before its last message. The messages not yet claimed
 * are untouched and go out when the job runs again.
 */
export class DeliveryInterrupted extends Error {
  readonly report: DeliveryReport;
  readonly reason: 'stopped' | 'send-failed';

  constructor(reason: 'stopped' | 'send-failed', report: DeliveryReport, cause?: unknown) {
    super(reason === 'stopped'
      ? 'delivery stopped before the last message (shutting down); the rest go out on the next run'
      : 'a send failed without saying whether the message arrived; delivery stopped, the rest go out on the next run', { cause });
    this.name = 'DeliveryInterrupted';
    this.reason = reason;
    this.report = report;
  }
}

export interface DeliveryContext {
  store: Store;
  messenger: Messenger;
  log: Logger;
  job: string;
  /** The real time, for the ledger's timestamps. */
  clock: () => Date;
  /** Aborted at shutdown: delivery stops between two messages. */
  signal?: AbortSignal;
}

/**
 * Sends each message at most once. For each message, in one store
 * transaction: skip it if the ledger has it, build it from the current
 * store, and claim its ledger key. Then send it, and record the outcome.
 *
 * The claim is committed before the send, so a process that stops between
 * the two leaves a `sending` entry and the message is not sent again: a crash
 * in flight errs towards a message lost (later runs report it as claimed but
 * unconfirmed), never towards one sent twice. A refusal from the chat service (DeliveryError:
 * user_not_found, channel_not_found...) means it certainly did not arrive,
 * so the claim is released, the refusal logged with the action IDs, and the
 * other messages still go out. Any other failure leaves open whether it
 * arrived: the entry is marked in doubt and delivery stops, so a broken
 * connection costs at most one message; the others go out on the next run.
 *
 * Confirmations ride in the next message's claim transaction, halving store
 * writes; a stop in between only leaves a sent message marked `sending`.
 */
export async function deliverAll(messages: readonly Outgoing[], ctx: DeliveryContext): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, alreadySent: 0, claimedElsewhere: 0, inDoubt: 0, nothingLeft: 0, refused: 0 };
  const log = ctx.log.child({ job: ctx.job });
  let unconfirmed: { key: MessageKey; entry: LedgerEntry } | undefined;
  const confirm = async (tx: StoreTx): Promise<void> => {
    if (!unconfirmed) return;
    await tx.saveRecord(LEDGER_KIND, ledgerKey(unconfirmed.key), unconfirmed.entry);
    unconfirmed = undefined;
  };

  try {
    for (const message of messages) {
      if (ctx.signal?.aborted) throw new DeliveryInterrupted('stopped', report);
      const messageLog = log.child({ network: message.network, kind: message.key.kind });
      const claim = await ctx.store.transaction(async (tx): Promise<Claim> => {
        await confirm(tx);
        const existing = await ledgerEntry(tx, message.key);
        if (existing?.state === 'sent') return { outcome: 'already-sent' };
        if (existing) return { outcome: 'unconfirmed', existing };
        const composed = await message.compose(tx);
        if (!composed) return { outcome: 'nothing-left' };
        const entry: LedgerEntry = { state: 'sending', job: ctx.job, network: message.network, actionIds: composed.actionIds, claimedAt: ctx.clock().toISOString() };
        if (!(await tx.claimRecord(LEDGER_KIND, ledgerKey(message.key), entry))) return { outcome: 'already-sent' };
        return { outcome: 'claimed', composed, entry };
      });

      if (claim.outcome === 'already-sent') {
        report.alreadySent++;
        continue;
      }
      if (claim.outcome === 'unconfirmed') {
        const { state, actionIds, claimedAt } = claim.existing;
        if (state === 'in-doubt') {
          report.inDoubt++;
          messageLog.warn({ actionIds, claimedAt }, 'an earlier send of this message failed and may have arrived: not sent again');
        } else {
          report.claimedElsewhere++;
          messageLog.info({ actionIds, claimedAt }, 'message claimed by another run that has not confirmed it (still sending, or stopped mid-send): not sent again');
        }
        continue;
      }
      if (claim.outcome === 'nothing-left') {
        report.nothingLeft++;
        continue;
      }

      const { composed, entry } = claim;
      try {
        await send(ctx.messenger, message.to, composed.reply);
      } catch (error) {
        if (error instanceof DeliveryError) {
          await ctx.store.transaction((tx) => tx.deleteRecord(LEDGER_KIND, ledgerKey(message.key)));
          report.refused++;
          messageLog.warn({ actionIds: composed.actionIds, code: error.code, recipient: error.recipient }, 'message refused by the chat service; the others still go out');
          continue;
        }
        const failed: LedgerEntry = { ...entry, state: 'in-doubt', error: error instanceof Error ? error.name : 'unknown' };
        await ctx.store.transaction((tx) => tx.saveRecord(LEDGER_KIND, ledgerKey(message.key), failed));
        report.inDoubt++;
        messageLog.error({ err: error, actionIds: composed.actionIds }, 'send failed and may or may not have arrived: marked in doubt, delivery stopped');
        throw new DeliveryInterrupted('send-failed', report, error);
      }
      unconfirmed = { key: message.key, entry: { ...entry, state: 'sent', sentAt: ctx.clock().toISOString() } };
      report.sent++;
      messageLog.debug({ actionIds: composed.actionIds }, 'message sent');
    }
  } finally {
    if (unconfirmed) await ctx.store.transaction(confirm);
  }
  return report;
}

type Claim =
  | { outcome: 'already-sent' }
  | { outcome: 'unconfirmed'; existing: LedgerEntry }
  | { outcome: 'nothing-left' }
  | { outcome: 'claimed'; composed: Composed; entry: LedgerEntry };

function send(messenger: Messenger, to: Destination, reply: Reply): Promise<void> {
  return 'direct' in to ? messenger.sendDirect(to.direct, reply) : messenger.postToChannel(to.channel, reply);
}
