import { describe, expect, it } from 'vitest';
import digest from '../../jobs/digest.ts';
import { updateAction } from '../../src/domain/actions.ts';
import { buildDigest, mondayOf } from '../../src/domain/digest.ts';
import { MemoryMessenger } from '../support/memory-messenger.ts';
import { renderText } from '../../src/shell/render-text.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { CURRENT_SCHEMA_VERSION, type StateDocument } from '../../src/store/state.ts';
import { jobDeps, testRuntime } from '../support/runtime.ts';
import { action, network } from '../support/scenario.ts';

/** Monday 24 May 2027, 08:30: the digest covers Monday 17 to Sunday 23 May. */
const MONDAY = new Date('2027-05-24T08:30:00+01:00');

function state(): StateDocument {
  const doneLastWeek = updateAction(action('SW-1', { owner: 'UANNA', due: '2027-05-31', priorities: ['CSW2122.1'] }), { status: 'done' }, undefined, 'UANNA', new Date('2027-05-19T15:00:00+01:00'));
  const doneBefore = updateAction(action('SW-2', { owner: 'UANNA', due: '2027-05-31' }), { status: 'done' }, undefined, 'UANNA', new Date('2027-05-16T23:30:00+01:00'));
  const doneThenReopened = updateAction(updateAction(action('SW-3', { owner: 'UBEN', due: '2027-09-30' }), { status: 'done' }, undefined, 'UBEN', new Date('2027-05-18T10:00:00+01:00')), { status: 'open' }, undefined, 'UBEN', new Date('2027-05-18T11:00:00+01:00'));
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    networks: [network('South West', 'CSW', ['ULEAD', 'UCO2'])],
    actions: [
      doneLastWeek, doneBefore, doneThenReopened,
      action('SW-4', { owner: 'UBEN', due: '2027-05-20', createdAt: new Date('2027-05-17T09:00:00+01:00') }),
      action('SW-5', { owner: 'UCAT', due: '2027-06-01', createdAt: new Date('2027-05-23T23:59:00+01:00') }),
      action('SW-6', { owner: 'UCAT', due: '2027-06-01', createdAt: new Date('2027-05-24T00:00:00+01:00') }),
    ],
    workplan: [], frameworks: [], records: {},
  };
}

describe('buildDigest', () => {
  it('reports last week, Monday to Sunday, in local time', () => {
    const s = state();
    const week = buildDigest(s.actions, [], MONDAY, 'Europe/London');
    expect([week.weekStart, week.weekEnd]).toEqual(['2027-05-17', '2027-05-23']);
    expect(week.done.map((a) => a.id)).toEqual(['SW-1']);
    expect(week.created.map((a) => a.id)).toEqual(['SW-4', 'SW-5']);
    expect(week.overdue.map((a) => a.id)).toEqual(['SW-4']);
    expect(week.rag).toEqual({ red: 1, amber: 2, green: 1 });
    expect(week.live).toBe(4);
  });

  it('finds the Monday of any day', () => {
    expect(['2027-05-24', '2027-05-26', '2027-05-30'].map(mondayOf)).toEqual(['2027-05-24', '2027-05-24', '2027-05-24']);
  });
});

describe('digest job', () => {
  it("sends each co-chair one digest, once, with the week's figures and priorities with no live action", async () => {
    const runtime = testRuntime(new MemoryStore(state()));
    const messenger = new MemoryMessenger();
    expect(await digest.run(jobDeps(runtime, messenger), MONDAY)).toMatchObject({ sent: 2 });
    expect(messenger.messages.map((m) => ('direct' in m.to ? m.to.direct : ''))).toEqual(['UCO2', 'ULEAD']);
    const body = renderText(messenger.messages[0]!.reply);
    expect(body).toContain('== South West PSW network: the week of 17 May 2027 ==');
    expect(body).toMatch(/Live actions\s+4/);
    expect(body).toMatch(/Red\s+1/);
    expect(body).toContain('Done last week (1)');
    expect(body).toContain('SW-1 Action SW-1');
    expect(body).toContain('New last week (2)');
    expect(body).toContain('Overdue now (1)');
    // CSW2122.1 only had SW-1, which is done; CSW2122.4 has live actions.
    expect(body).toContain('CSW2122.1 ');
    expect(body).not.toMatch(/CSW2122\.4 /);

    const again = new MemoryMessenger();
    expect(await digest.run(jobDeps(runtime, again), MONDAY)).toMatchObject({ sent: 0, skipped: 2 });
  });
});
