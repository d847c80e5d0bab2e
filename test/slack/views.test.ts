import { describe, expect, it } from 'vitest';
import { createAction, type Action } from '../../src/domain/actions.ts';
import type { Framework } from '../../src/domain/frameworks.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import { addActionModal, MAX_SELECT_OPTIONS, priorityOptionGroups, readAddActionForm } from '../../src/slack/views/add-action-modal.ts';
import { FormValues } from '../../src/slack/views/form-values.ts';
import { baselineFromView, baselineOf, readUpdateActionForm, updateActionModal } from '../../src/slack/views/update-action-modal.ts';

const NOW = new Date('2027-05-27T09:00:00+01:00');
const TZ = 'Europe/London';

/** A made-up framework with many priorities, each with sub-items. */
function bigFramework(code: string, priorities: number, subItems: number): Framework {
  return {
    schema: 'psw-framework/1', code, title: `${code} framework with a deliberately long title that runs past seventy-five characters`, owner: 'Test',
    published: '2027-01-01', period: { start: '2027-01-01', end: '2027-12-31' }, source: 'test',
    priorities: Array.from({ length: priorities }, (_, i) => ({
      code: `${code}.${i + 1}`, title: `Priority ${i + 1} `.padEnd(120, 'x'),
      subItems: Array.from({ length: subItems }, (_, j) => ({ code: `${code}.${i + 1}.${j + 1}`, title: `Sub-item ${j + 1}` })),
    })),
  };
}

describe('priority choices in the Add action form', () => {
  it('lists the adopted frameworks as groups, every option within Slack limits', async () => {
    const catalogue = await loadShippedFrameworks('data/frameworks');
    const { groups, omitted } = priorityOptionGroups(['CSW2122', 'PSW2123'].map((c) => catalogue.framework(c)!));
    expect(omitted).toBe(0);
    expect(groups.map((g) => g.options.length)).toEqual([15, 17]);
    for (const g of groups) {
      expect([...g.label.text].length).toBeLessThanOrEqual(75);
      for (const o of g.options) expect([...o.text.text].length).toBeLessThanOrEqual(75);
    }
  });

  it('stays within 100 options in all: sub-items go first, then whole priorities, and the form says how many are missing', () => {
    const frameworks = [bigFramework('AAA', 40, 2), bigFramework('BBB', 50, 1), bigFramework('CCC', 30, 0)];
    const { groups, omitted } = priorityOptionGroups(frameworks);
    const listed = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(listed).toHaveLength(MAX_SELECT_OPTIONS);
    expect(listed.some((code) => (code ?? '').split('.').length > 2)).toBe(false);
    expect(omitted).toBe(40 * 3 + 50 * 2 + 30 - MAX_SELECT_OPTIONS);
    const view = addActionModal({ network: { name: 'South West' } as never, frameworks, requesterId: 'U1', channelId: 'C1' });
    expect(JSON.stringify(view)).toContain(`${omitted} sub-items or priorities are not listed here`);
  });
});

describe('reading the Add action form', () => {
  const values = (v: Record<string, Record<string, unknown>>): FormValues => new FormValues(Object.fromEntries(Object.entries(v).map(([k, e]) => [k, { [k]: { type: 't', ...e } }])));

  it('gives the use case exactly what was entered', () => {
    const form = readAddActionForm(values({
      title: { value: '  Audit practice ' }, owner: { selected_user: 'U1' }, timescale: { value: 'Autumn 2027' },
      priorities: { selected_options: [{ value: 'CSW2122.1' }] }, resources: { value: null }, comments: { value: 'Because' },
    }), NOW, TZ);
    expect(form).toEqual({ ok: true, value: { title: 'Audit practice', owner: 'U1', timescalePhrase: 'Autumn 2027', priorities: ['CSW2122.1'], resources: '', comments: 'Because' } });
  });

  it('explains a timescale it cannot read with examples', () => {
    const form = readAddActionForm(values({ title: { value: 'x' }, owner: { selected_user: 'U1' }, timescale: { value: 'Smarch 2027' }, priorities: { selected_options: [{ value: 'A.1' }] } }), NOW, TZ);
    expect(form.ok).toBe(false);
    if (!form.ok) expect(form.errors.timescale).toMatch(/"Autumn 2027", "May-July 2027"/);
  });
});

describe('the Update form', () => {
  const action: Action = createAction('SW-1', 'SW', { title: 'Audit', owner: 'U1', priorities: ['CSW2122.1'], timescale: { phrase: 'Spring 2028', due: '2028-05-31', ongoing: false } }, 'U1', NOW);
  const state = (f: { status: string; rag: string; reason?: string; timescale: string; note?: string }): FormValues => new FormValues({
    status: { status: { type: 's', selected_option: { value: f.status } } },
    rag: { rag: { type: 's', selected_option: { value: f.rag } } },
    rag_reason: { rag_reason: { type: 't', value: f.reason ?? null } },
    timescale: { timescale: { type: 't', value: f.timescale } },
    note: { note: { type: 't', value: f.note ?? null } },
  });

  it('reads back from the view it built the values it showed', () => {
    const view = updateActionModal({ action, channelId: 'C1', now: NOW, timeZone: TZ });
    expect(baselineFromView(view.blocks)).toEqual(baselineOf(action));
    expect(baselineFromView([{ block_id: 'status' }])).toBeUndefined();
  });

  it('asks for a reason when a RAG rating is set, and clears a set rating with "worked out"', () => {
    const refused = readUpdateActionForm(state({ status: 'open', rag: 'red', timescale: 'Spring 2028' }), baselineOf(action), action, NOW, TZ);
    expect(refused.ok ? undefined : Object.keys(refused.errors)).toEqual(['rag_reason']);
    const overridden = { ...action, ragOverride: { rag: 'red' as const, reason: 'Late data', by: 'U1', at: NOW.toISOString() } };
    expect(readUpdateActionForm(state({ status: 'open', rag: 'auto', timescale: 'Spring 2028' }), baselineOf(overridden), overridden, NOW, TZ)).toEqual({ ok: true, value: { rag: null } });
  });

  it('turns only the changed fields into the update', () => {
    const form = readUpdateActionForm(state({ status: 'in-progress', rag: 'auto', timescale: 'Spring 2028', note: 'Started' }), baselineOf(action), action, NOW, TZ);
    expect(form).toEqual({ ok: true, value: { status: 'in-progress', note: 'Started' } });
  });
});

describe('the App Home view', () => {
  it('lists at most 30 actions with their buttons, says how many more there are, and stays within 100 blocks', async () => {
    const { homeView, HOME_MAX_ACTIONS } = await import('../../src/slack/app-home.ts');
    const many = Array.from({ length: 45 }, (_, i) => ({
      action: createAction(`SW-${i + 1}`, 'SW', { title: `Action ${i + 1}`, owner: 'U1', priorities: ['CSW2122.1'], timescale: { phrase: 'Autumn 2027', due: '2027-11-30', ongoing: false } }, 'U1', NOW),
      network: undefined,
    }));
    const view = homeView({ actions: many, networks: [] }, { now: NOW, timeZone: TZ });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.filter((b) => b.type === 'actions')).toHaveLength(HOME_MAX_ACTIONS);
    expect(JSON.stringify(view.blocks)).toContain('…and 15 more.');
  });
});
