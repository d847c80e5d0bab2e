import { describe, expect, it } from 'vitest';
import type { ReplyBlock } from '../../commands/reply.ts';
import reminders from '../../jobs/reminders.ts';
import { ACTIONS_PER_MESSAGE } from '../../jobs/views/reminders.ts';
import { updateAction } from '../../src/domain/actions.ts';
import { MemoryMessenger, type DeliveredMessage } from '../support/memory-messenger.ts';
import { DeliveryError, type Messenger } from '../../src/messaging/messenger.ts';
import { renderText } from '../../src/shell/render-text.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { capturingLogger } from '../support/log-capture.ts';
import { jobDeps, testRuntime } from '../support/runtime.ts';
import { action, DONE_WHEN_NOW, doneWhenState, network } from '../support/scenario.ts';
import { CURRENT_SCHEMA_VERSION } from '../../src/store/state.ts';

const NOW = new Date(DONE_WHEN_NOW);

/** "UANNA reminder: SW-1 SW-2" for each message, to compare whole runs at a glance. */
function summary(messages: readonly DeliveredMessage[]): string[] {
  return messages.map((m) => {
    const to = 'direct' in m.to ? m.to.direct : m.to.channel;
    const ids = m.reply.blocks.filter((b): b is Extract<ReplyBlock, { type: 'action-buttons' }> => b.type === 'action-buttons').map((b) => b.actionId);
    const kind = m.reply.blocks[0]?.type === 'heading' && m.reply.blocks[0].text.includes('overdue by more than') ? 'escalation' : 'reminder';
    return `${to} ${kind}: ${ids.join(' ')}`;
  });
}

const EXPECTED = [
  'UGUS reminder: NW-2',
  'UANNA reminder: SW-1 SW-2',
  'UBEN reminder: SW-4 SW-5',
  'UCAT reminder: SW-11',
  'UFAY reminder: SW-10',
  'UCO2 escalation: SW-4',
  'ULEAD escalation: SW-4',
];

describe('reminders job: the "Done when" store at 09:00 on Thursday 27 May 2027', () => {
  it('sends exactly the right messages once, and a second identical run sends none', async () => {
    const runtime = testRuntime(new MemoryStore(doneWhenState()));
    const first = new MemoryMessenger();
    const report = await reminders.run(jobDeps(runtime, first), NOW);
    expect(summary(first.messages)).toEqual(EXPECTED);
    expect(report).toMatchObject({ sent: 7, skipped: 0, failed: 0 });

    const second = new MemoryMessenger();
    expect(await reminders.run(jobDeps(runtime, second), NOW)).toMatchObject({ sent: 0, skipped: 7, failed: 0 });
    expect(second.count).toBe(0);
  });

  it('writes an owner one message in sections, each action with its buttons', async () => {
    const messenger = new MemoryMessenger();
    await reminders.run(jobDeps(testRuntime(new MemoryStore(doneWhenState())), messenger), NOW);
    const anna = messenger.messages.find((m) => 'direct' in m.to && m.to.direct === 'UANNA')!;
    expect(anna.reply.audience).toBe('user');
    expect(renderText(anna.reply)).toBe([
      '== Your South West PSW network actions ==',
      'Due today (1)',
      'SW-1 Action SW-1: due today',
      'Due soon (1)',
      'SW-2 Action SW-2: due 1 Jun 2027',
      '  Reminders come on working days, from 3 working days before the due date. Mark an action done, snooze it or update it with its buttons, or with /psw action done <ID> and /psw action snooze <ID> 1w.',
    ].join('\n'));
    const ben = renderText(messenger.messages.find((m) => 'direct' in m.to && m.to.direct === 'UBEN')!.reply);
    expect(ben).toContain('SW-4 Action SW-4: was due 19 May 2027, 6 working days overdue');
    expect(ben).toContain('SW-5 Action SW-5: was due 20 May 2027, 5 working days overdue');
    const lead = renderText(messenger.messages.find((m) => 'direct' in m.to && m.to.direct === 'ULEAD')!.reply);
    expect(lead).toContain('== South West: actions overdue by more than 5 working days ==');
    expect(lead).toContain('SW-4 Action SW-4 (@UBEN, was due 19 May 2027, 6 working days overdue, Blocked)');
  });
});

describe('reminders job: escalation thresholds', () => {
  // Due dates before Thursday 27 May 2027, most overdue first, and how many working days overdue each is then.
  // 3 May is itself a bank holiday; the 18 count the working days after it.
  const OVERDUE = [
    ['2027-05-03', 18], ['2027-05-19', 6], ['2027-05-20', 5], ['2027-05-21', 4], ['2027-05-24', 3], ['2027-05-26', 1],
  ] as const;

  it.each([0, 1, 4, 5, 6, 17, 18])('escalate-after %i: co-chairs hear of exactly the actions overdue by more', async (threshold) => {
    const state = doneWhenState();
    state.networks = [network('South West', 'CSW', ['ULEAD'], { reminders: { escalateAfter: threshold } })];
    state.actions = OVERDUE.map(([due], i) => action(`SW-${i + 1}`, { owner: 'UOWN', due }));
    const messenger = new MemoryMessenger();
    await reminders.run(jobDeps(testRuntime(new MemoryStore(state)), messenger), NOW);
    const expected = OVERDUE.map(([, days], i) => [`SW-${i + 1}`, days] as const).filter(([, days]) => days > threshold).map(([id]) => id);
    const escalation = summary(messenger.messages).find((s) => s.startsWith('ULEAD'));
    expect(escalation ?? 'ULEAD escalation: ').toBe(`ULEAD escalation: ${expected.join(' ')}`);
  });
});

describe('reminders job: what is left out', () => {
  it('leaves out a snoozed action, from reminders and escalations alike, until its snooze date', async () => {
    const state = doneWhenState();
    state.networks = [network('South West', 'CSW', ['ULEAD'])];
    state.actions = [action('SW-1', { owner: 'UOWN', due: '2027-05-03', snoozedUntil: '2027-06-01' })];
    const runtime = testRuntime(new MemoryStore(state));
    const snoozed = new MemoryMessenger();
    await reminders.run(jobDeps(runtime, snoozed), NOW);
    expect(snoozed.count).toBe(0);
    const woken = new MemoryMessenger();
    await reminders.run(jobDeps(runtime, woken), new Date('2027-06-01T09:00:00+01:00'));
    expect(summary(woken.messages)).toEqual(['UOWN reminder: SW-1', 'ULEAD escalation: SW-1']);
  });

  it('re-checks just before sending: an action done or dropped after the run planned is left out', async () => {
    const store = new MemoryStore(doneWhenState());
    const inner = new MemoryMessenger();
    // While UANNA's message goes out, UBEN marks SW-5 done and a co-chair drops SW-4.
    const meddling: Messenger = {
      postToChannel: (c, r) => inner.postToChannel(c, r),
      sendDirect: async (user, r) => {
        await inner.sendDirect(user, r);
        if (user === 'UANNA') {
          await store.transaction(async (tx) => {
            const now = new Date('2027-05-27T08:00:10Z');
            await tx.saveAction(updateAction((await tx.action('SW-5'))!, { status: 'done' }, undefined, 'UBEN', now));
            await tx.saveAction(updateAction((await tx.action('SW-4'))!, { status: 'dropped' }, undefined, 'ULEAD', now));
          });
        }
      },
    };
    const report = await reminders.run(jobDeps(testRuntime(store), meddling), NOW);
    expect(summary(inner.messages)).toEqual(['UGUS reminder: NW-2', 'UANNA reminder: SW-1 SW-2', 'UCAT reminder: SW-11', 'UFAY reminder: SW-10']);
    expect(report.detail).toMatchObject({ nothingLeft: 3 });
  });

  it('sends nothing on a bank holiday or at the weekend', async () => {
    const runtime = testRuntime(new MemoryStore(doneWhenState()));
    for (const day of ['2027-05-31T09:00:00+01:00', '2027-05-29T09:00:00+01:00']) {
      const messenger = new MemoryMessenger();
      expect(await reminders.run(jobDeps(runtime, messenger), new Date(day))).toMatchObject({ sent: 0, detail: { notAWorkingDay: true } });
      expect(messenger.count).toBe(0);
    }
  });
});

describe('reminders job: per-network settings', () => {
  it('uses each network’s own days-before', async () => {
    const state = doneWhenState();
    state.networks[0] = { ...state.networks[0]!, reminders: { daysBefore: 5 } };
    const messenger = new MemoryMessenger();
    await reminders.run(jobDeps(testRuntime(new MemoryStore(state)), messenger), NOW);
    // Five working days from 27 May reach 4 June, so SW-3 (3 June) is included now; NW still uses 0.
    expect(summary(messenger.messages)).toContain('UANNA reminder: SW-1 SW-2 SW-3');
    expect(summary(messenger.messages)).toContain('UGUS reminder: NW-2');
  });

  it('runs only the networks it is given (the scheduler gives those whose time has come)', async () => {
    const messenger = new MemoryMessenger();
    await reminders.run(jobDeps(testRuntime(new MemoryStore(doneWhenState())), messenger, { networks: ['NW'] }), NOW);
    expect(summary(messenger.messages)).toEqual(['UGUS reminder: NW-2']);
  });

  it('schedules each network at its own time on weekdays', () => {
    const config = testRuntime().config;
    expect(reminders.scheduleFor!(network('South West', 'CSW', ['ULEAD']), config)).toBe('0 9 * * 1-5');
    expect(reminders.scheduleFor!(network('South West', 'CSW', ['ULEAD'], { reminders: { time: { hour: 14, minute: 30 } } }), config)).toBe('30 14 * * 1-5');
  });
});

describe('reminders job: faults', () => {
  it('a refusal for one person is logged with the action IDs, and everyone else still gets theirs', async () => {
    const { log, lines } = capturingLogger();
    const runtime = { ...testRuntime(new MemoryStore(doneWhenState())), log };
    const messenger = new MemoryMessenger({ failWith: (to) => ('direct' in to && to.direct === 'UBEN' ? new DeliveryError('account_inactive', 'UBEN') : undefined) });
    const report = await reminders.run(jobDeps(runtime, messenger), NOW);
    expect(summary(messenger.messages)).toEqual(EXPECTED.filter((m) => !m.startsWith('UBEN')));
    expect(report).toMatchObject({ sent: 6, failed: 1 });
    const refusal = lines().find((l) => l.msg === 'message refused by the chat service; the others still go out');
    expect(refusal).toMatchObject({ job: 'reminders', network: 'SW', kind: 'reminder', actionIds: ['SW-4', 'SW-5'], code: 'account_inactive' });
    expect(JSON.stringify(lines())).not.toContain('Action SW-4');
  });

  it('lists at most 20 actions with buttons in one message, and says how many more', async () => {
    const state = doneWhenState();
    state.networks = [network('South West', 'CSW', ['ULEAD'], { reminders: { escalateAfter: 60 } })];
    state.actions = Array.from({ length: 25 }, (_, i) => action(`SW-${i + 1}`, { owner: 'UBUSY', due: '2027-05-27' }));
    const messenger = new MemoryMessenger();
    await reminders.run(jobDeps(testRuntime(new MemoryStore(state)), messenger), NOW);
    const blocks = messenger.messages[0]!.reply.blocks;
    expect(blocks.filter((b) => b.type === 'action-buttons')).toHaveLength(ACTIONS_PER_MESSAGE);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(renderText(messenger.messages[0]!.reply)).toContain('Due today (25)');
    expect(renderText(messenger.messages[0]!.reply)).toContain('…and 5 more');
  });

  it('copes with a store that has no networks', async () => {
    const store = new MemoryStore({ schemaVersion: CURRENT_SCHEMA_VERSION, networks: [], actions: [], workplan: [], frameworks: [], records: {} });
    expect(await reminders.run(jobDeps(testRuntime(store)), NOW)).toMatchObject({ sent: 0, skipped: 0, failed: 0 });
  });
});
