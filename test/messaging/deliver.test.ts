import { describe, expect, it } from 'vitest';
import { reply, text } from '../../commands/reply.ts';
import { silentLogger } from '../../src/logger.ts';
import { deliverAll, DeliveryInterrupted, type DeliveryContext, type Outgoing } from '../../src/messaging/deliver.ts';
import { LEDGER_KIND, ledgerKey, pruneLedger, type LedgerEntry } from '../../src/messaging/ledger.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import { DeliveryError, type Messenger } from '../../src/messaging/messenger.ts';
import { DryRunStore } from '../../src/store/dry-run-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';

const DAY = '2027-05-27';
const USERS = ['U01', 'U02', 'U03', 'U04', 'U05', 'U06'];

function messages(users: readonly string[] = USERS, day = DAY): Outgoing[] {
  return users.map((user) => ({
    key: { recipient: user, subject: 'SW', kind: 'reminder', day },
    to: { direct: user },
    network: 'SW',
    compose: () => Promise.resolve({ reply: reply(text(`Hello ${user}`)), actionIds: [`SW-${user.slice(1)}`] }),
  }));
}

function context(store: Store, messenger: Messenger, extra: Partial<DeliveryContext> = {}): DeliveryContext {
  return { store, messenger, log: silentLogger(), job: 'reminders', clock: () => new Date('2027-05-27T08:00:05Z'), ...extra };
}

const recipients = (m: MemoryMessenger): string[] => m.messages.map((x) => ('direct' in x.to ? x.to.direct : x.to.channel));

describe('deliverAll: each message at most once', () => {
  it('sends every message, records it as sent, and a second identical run sends none', async () => {
    const store = new MemoryStore();
    const first = new MemoryMessenger();
    expect(await deliverAll(messages(), context(store, first))).toEqual({ sent: 6, alreadySent: 0, claimedElsewhere: 0, inDoubt: 0, nothingLeft: 0, refused: 0 });
    expect(recipients(first)).toEqual(USERS);
    const entries = await store.transaction((tx) => tx.records(LEDGER_KIND));
    expect(entries.map((e) => (e.value as { state: string }).state)).toEqual(Array(6).fill('sent'));

    const second = new MemoryMessenger();
    expect(await deliverAll(messages(), context(store, second))).toMatchObject({ sent: 0, alreadySent: 6 });
    expect(second.count).toBe(0);
  });

  it('sends again on another day: the key includes the day', async () => {
    const store = new MemoryStore();
    await deliverAll(messages(), context(store, new MemoryMessenger()));
    const nextDay = new MemoryMessenger();
    await deliverAll(messages(USERS, '2027-05-28'), context(store, nextDay));
    expect(nextDay.count).toBe(6);
  });

  it('a run stopped after k of n (shutdown), run again, sends exactly the other n - k', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    const k = 2;
    const first = new MemoryMessenger();
    const stopAfterK: Messenger = {
      postToChannel: (c, r) => first.postToChannel(c, r),
      sendDirect: async (u, r) => {
        await first.sendDirect(u, r);
        if (first.count === k) controller.abort();
      },
    };
    const stopped = await deliverAll(messages(), context(store, stopAfterK, { signal: controller.signal })).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(DeliveryInterrupted);
    expect((stopped as DeliveryInterrupted).reason).toBe('stopped');
    expect((stopped as DeliveryInterrupted).report.sent).toBe(k);

    const rerun = new MemoryMessenger();
    expect(await deliverAll(messages(), context(store, rerun))).toMatchObject({ sent: USERS.length - k, alreadySent: k, inDoubt: 0 });
    expect([...recipients(first), ...recipients(rerun)].sort()).toEqual(USERS);
  });

  it('a Messenger that throws after k sends: the one in flight is in doubt and never resent; the rest go out on the rerun', async () => {
    const store = new MemoryStore();
    const k = 3;
    const broken = new MemoryMessenger({ failWith: (_to, attempt) => (attempt > k ? new Error('socket hang up') : undefined) });
    const failure = await deliverAll(messages(), context(store, broken)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryInterrupted);
    expect((failure as DeliveryInterrupted).reason).toBe('send-failed');
    expect((failure as DeliveryInterrupted).report).toMatchObject({ sent: k, inDoubt: 1 });

    const rerun = new MemoryMessenger();
    expect(await deliverAll(messages(), context(store, rerun))).toMatchObject({ sent: USERS.length - k - 1, alreadySent: k, inDoubt: 1 });
    const all = [...recipients(broken), ...recipients(rerun)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(USERS[k]);
    const entries = (await store.transaction((tx) => tx.records(LEDGER_KIND))).map((r) => r.value as LedgerEntry);
    expect(entries.filter((e) => e.state !== 'sent').map((e) => [e.state, e.actionIds])).toEqual([['in-doubt', [`SW-${USERS[k]!.slice(1)}`]]]);
  });

  it('a process that dies mid-send leaves that message claimed: a restart sends the others and not that one', async () => {
    const store = new MemoryStore();
    const k = 2;
    const delivered: string[] = [];
    const dying: Messenger = {
      postToChannel: () => Promise.resolve(),
      // The (k+1)th send never returns: the process is gone.
      sendDirect: (u) => (delivered.length === k ? new Promise<void>(() => {}) : (delivered.push(u), Promise.resolve())),
    };
    void deliverAll(messages(), context(store, dying));
    await new Promise((resolve) => setImmediate(resolve));
    await store.transaction(() => Promise.resolve());

    const restarted = new MemoryMessenger();
    const report = await deliverAll(messages(), context(store, restarted));
    expect(report.claimedElsewhere).toBe(1);
    expect(report.sent).toBe(USERS.length - k - 1);
    expect([...delivered, ...recipients(restarted)].sort()).toEqual(USERS.filter((u) => u !== USERS[k]));
  });

  it('a refusal for one person (user_not_found) is released, the others still go out, and a later run sends only that one', async () => {
    const store = new MemoryStore();
    const refusing = new MemoryMessenger({ failWith: (to) => ('direct' in to && to.direct === 'U03' ? new DeliveryError('user_not_found', 'U03') : undefined) });
    expect(await deliverAll(messages(), context(store, refusing))).toMatchObject({ sent: 5, refused: 1 });
    expect(recipients(refusing)).not.toContain('U03');

    const later = new MemoryMessenger();
    expect(await deliverAll(messages(), context(store, later))).toMatchObject({ sent: 1, alreadySent: 5 });
    expect(recipients(later)).toEqual(['U03']);
  });

  it('two processes delivering the same messages at once send each exactly once between them', async () => {
    const store = new MemoryStore();
    const a = new MemoryMessenger();
    const b = new MemoryMessenger();
    const [ra, rb] = await Promise.all([deliverAll(messages(), context(store, a)), deliverAll(messages(), context(store, b))]);
    expect(ra.sent + rb.sent).toBe(USERS.length);
    expect(ra.alreadySent + ra.claimedElsewhere + rb.alreadySent + rb.claimedElsewhere).toBe(USERS.length);
    expect([...recipients(a), ...recipients(b)].sort()).toEqual(USERS);
  });

  it('claims nothing when there is nothing left to say', async () => {
    const store = new MemoryStore();
    const empty = messages().map((m) => ({ ...m, compose: () => Promise.resolve(undefined) }));
    expect(await deliverAll(empty, context(store, new MemoryMessenger()))).toMatchObject({ sent: 0, nothingLeft: 6 });
    expect(await store.transaction((tx) => tx.records(LEDGER_KIND))).toEqual([]);
  });

  it('on a dry-run store, sends through the given messenger but records nothing', async () => {
    const store = new MemoryStore();
    const dry = new DryRunStore(store);
    const printed = new MemoryMessenger();
    expect(await deliverAll(messages(), context(dry, printed))).toMatchObject({ sent: 6 });
    expect(await store.transaction((tx) => tx.records(LEDGER_KIND))).toEqual([]);
    const again = new MemoryMessenger();
    await deliverAll(messages(), context(dry, again));
    expect(again.count).toBe(6);
  });

  it('a dry run leaves out what was really sent already', async () => {
    const store = new MemoryStore();
    await deliverAll(messages(['U01', 'U02']), context(store, new MemoryMessenger()));
    const printed = new MemoryMessenger();
    await deliverAll(messages(), context(new DryRunStore(store), printed));
    expect(recipients(printed)).toEqual(['U03', 'U04', 'U05', 'U06']);
  });
});

describe('ledger', () => {
  it('keys by day, kind, subject and recipient', () => {
    expect(ledgerKey({ recipient: 'U01', subject: 'SW', kind: 'reminder', day: DAY })).toBe('2027-05-27|reminder|SW|U01');
  });

  it('prunes entries of earlier days', async () => {
    const store = new MemoryStore();
    await deliverAll(messages(['U01'], '2027-04-01'), context(store, new MemoryMessenger()));
    await deliverAll(messages(['U01'], DAY), context(store, new MemoryMessenger()));
    expect(await store.transaction((tx) => pruneLedger(tx, '2027-05-01'))).toBe(1);
    expect((await store.transaction((tx) => tx.records(LEDGER_KIND))).map((r) => r.key)).toEqual(['2027-05-27|reminder|SW|U01']);
  });

  it('treats an unreadable entry as claimed: never resend on a guess', async () => {
    const store = new MemoryStore();
    await store.transaction((tx) => tx.saveRecord(LEDGER_KIND, ledgerKey(messages(['U01'])[0]!.key), { hand: 'edited' }));
    const m = new MemoryMessenger();
    expect(await deliverAll(messages(['U01']), context(store, m))).toMatchObject({ sent: 0, inDoubt: 1 });
  });
});
