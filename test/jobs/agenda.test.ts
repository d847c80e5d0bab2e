import { describe, expect, it } from 'vitest';
import agenda from '../../jobs/agenda.ts';
import { AGENDA_ARCHIVE_KIND } from '../../src/domain/agenda-archive.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import { renderText } from '../../src/shell/render-text.ts';
import { DryRunStore } from '../../src/store/dry-run-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { CURRENT_SCHEMA_VERSION, type StateDocument } from '../../src/store/state.ts';
import { jobDeps, testRuntime } from '../support/runtime.ts';
import { action, network } from '../support/scenario.ts';

/** South West meets fortnightly on Tuesdays at 10:00 from 18 May 2027: 1 June follows the late May bank holiday. */
function state(): StateDocument {
  const sw = network('South West', 'CSW', ['ULEAD'], {
    channels: ['CSW', 'CSW2'],
    meeting: { intervalWeeks: 2, weekday: 2, hour: 10, minute: 0, anchor: '2027-05-18' },
    lastAgendaItemNumber: 2,
    agendaItems: [
      { id: 1, text: 'Feedback from national PSW Chairs meeting', submittedBy: 'UMEM', submittedAt: '2027-05-20T12:00:00.000Z' },
      { id: 2, text: 'LPS readiness', submittedBy: 'UMEM', submittedAt: '2027-06-01T09:30:00.000Z' },
    ],
  });
  const nw = network('North West', 'CNW', ['UNW']);
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    networks: [sw, nw],
    actions: [action('SW-1', { owner: 'UANNA', due: '2027-05-28' }), action('SW-2', { owner: 'UBEN', due: '2027-07-31' })],
    workplan: [], frameworks: [], records: {},
  };
}

const at = (iso: string): Date => new Date(iso);
const channels = (m: MemoryMessenger): string[] => m.messages.map((x) => ('channel' in x.to ? x.to.channel : `@${x.to.direct}`));

describe('agenda job: posting the working day before the meeting', () => {
  it('posts to every linked channel on the working day before, once', async () => {
    const runtime = testRuntime(new MemoryStore(state()));
    const thursday = new MemoryMessenger();
    await agenda.run(jobDeps(runtime, thursday), at('2027-05-27T09:00:00+01:00'));
    expect(thursday.count).toBe(0);

    // Monday 31 May is a bank holiday, so Friday 28 May is the working day before Tuesday 1 June.
    const friday = new MemoryMessenger();
    expect(await agenda.run(jobDeps(runtime, friday), at('2027-05-28T09:00:00+01:00'))).toMatchObject({ sent: 2 });
    expect(channels(friday)).toEqual(['CSW', 'CSW2']);
    const posted = friday.messages[0]!.reply;
    expect(posted.audience).toBe('channel');
    const textOf = renderText(posted);
    expect(textOf).toContain('== South West PSW network: agenda ==');
    expect(textOf).toContain('Next meeting: Tuesday 1 June 2027 at 10:00');
    expect(textOf).toContain('1. Feedback from national PSW Chairs meeting (@UMEM)');
    expect(textOf).toContain('SW-1 Action SW-1');
    expect(textOf).toContain('Posted automatically the working day before the meeting.');

    const again = new MemoryMessenger();
    expect(await agenda.run(jobDeps(runtime, again), at('2027-05-28T09:05:00+01:00'))).toMatchObject({ sent: 0, skipped: 2 });

    const bankHoliday = new MemoryMessenger();
    await agenda.run(jobDeps(runtime, bankHoliday), at('2027-05-31T09:00:00+01:00'));
    expect(bankHoliday.count).toBe(0);
  });

  it('posts on the Thursday before a meeting on the Tuesday after Easter', async () => {
    const s = state();
    s.networks[0] = { ...s.networks[0]!, meeting: { intervalWeeks: 1, weekday: 2, hour: 10, minute: 0, anchor: '2027-03-02' } };
    const runtime = testRuntime(new MemoryStore(s));
    const friday = new MemoryMessenger();
    await agenda.run(jobDeps(runtime, friday), at('2027-03-26T09:00:00Z'));
    expect(friday.count).toBe(0);
    const thursday = new MemoryMessenger();
    await agenda.run(jobDeps(runtime, thursday), at('2027-03-25T09:00:00Z'));
    expect(channels(thursday)).toEqual(['CSW', 'CSW2']);
  });

  it('posts nothing for a network without a meeting schedule', async () => {
    const messenger = new MemoryMessenger();
    await agenda.run(jobDeps(testRuntime(new MemoryStore(state())), messenger, { networks: ['NW'] }), at('2027-05-28T09:00:00+01:00'));
    expect(messenger.count).toBe(0);
  });
});

describe('agenda job: after the meeting', () => {
  it('archives the agenda with the meeting, clears the items submitted before it, and keeps later ones', async () => {
    const store = new MemoryStore(state());
    const runtime = testRuntime(store);
    const report = await agenda.run(jobDeps(runtime), at('2027-06-02T09:00:00+01:00'));
    expect(report.detail).toMatchObject({ archived: ['SW:2027-06-01'] });
    const sw = (await store.transaction((tx) => tx.network('SW')))!;
    expect(sw.agendaItems.map((i) => i.id)).toEqual([2]);
    const archive = await store.transaction((tx) => tx.record(AGENDA_ARCHIVE_KIND, 'SW:2027-06-01'));
    expect(archive).toMatchObject({
      network: 'SW', meetingDate: '2027-06-01', startsAt: '2027-06-01T09:00:00.000Z',
      submittedItems: [{ id: 1, text: 'Feedback from national PSW Chairs meeting' }],
      dueActionIds: ['SW-1'],
    });

    const again = await agenda.run(jobDeps(runtime), at('2027-06-03T09:00:00+01:00'));
    expect(again.detail).toMatchObject({ archived: [] });
    expect((await store.transaction((tx) => tx.network('SW')))!.agendaItems.map((i) => i.id)).toEqual([2]);
  });

  it('does not archive on the day of the meeting', async () => {
    const store = new MemoryStore(state());
    await agenda.run(jobDeps(testRuntime(store)), at('2027-06-01T11:00:00+01:00'));
    expect(await store.transaction((tx) => tx.record(AGENDA_ARCHIVE_KIND, 'SW:2027-06-01'))).toBeUndefined();
  });

  it('archives and clears nothing in a dry run', async () => {
    const store = new MemoryStore(state());
    const runtime = testRuntime(store);
    await agenda.run(jobDeps({ ...runtime, store: new DryRunStore(store) }), at('2027-06-02T09:00:00+01:00'));
    expect((await store.transaction((tx) => tx.network('SW')))!.agendaItems).toHaveLength(2);
    expect(await store.transaction((tx) => tx.records(AGENDA_ARCHIVE_KIND))).toEqual([]);
  });
});
