import { describe, expect, it } from 'vitest';
import { planReminders, reminderFor, reminderSettingsOf, BUILT_IN_REMINDER_SETTINGS } from '../../src/domain/reminders.ts';
import { englandAndWales } from '../support/bank-holidays.ts';
import { action, network } from '../support/scenario.ts';

const holidays = englandAndWales();
const TODAY = '2027-05-27';
const settings = BUILT_IN_REMINDER_SETTINGS;

describe('reminderFor', () => {
  it.each([
    ['2027-05-20', 'overdue', 5, false],
    ['2027-05-19', 'overdue', 6, true],
    ['2027-05-27', 'due-today', 0, false],
    ['2027-05-29', 'due-soon', 0, false],
    ['2027-06-02', 'due-soon', 0, false],
  ] as const)('an action due %s is %s (%i working days overdue, escalate %s)', (due, reason, days, escalate) => {
    expect(reminderFor(action('SW-1', { owner: 'U1', due }), settings, TODAY, holidays)).toMatchObject({ reason, workingDaysOverdue: days, escalate });
  });

  it.each([
    ['due beyond the window', { due: '2027-06-03' }],
    ['done', { due: '2027-05-20', status: 'done' as const }],
    ['dropped', { due: '2027-05-20', status: 'dropped' as const }],
    ['snoozed until tomorrow', { due: '2027-05-20', snoozedUntil: '2027-05-28' }],
    ['ongoing, with no due date', { due: null }],
  ])('leaves out an action %s', (_name, spec) => {
    expect(reminderFor(action('SW-1', { owner: 'U1', ...spec }), settings, TODAY, holidays)).toBeUndefined();
  });

  it('includes blocked and in-progress actions, and one whose snooze ends today', () => {
    for (const spec of [{ status: 'blocked' as const }, { status: 'in-progress' as const }, { snoozedUntil: TODAY }]) {
      expect(reminderFor(action('SW-1', { owner: 'U1', due: TODAY, ...spec }), settings, TODAY, holidays)?.reason).toBe('due-today');
    }
  });

  it('with days-before 0, reminds only from the due date', () => {
    expect(reminderFor(action('SW-1', { owner: 'U1', due: '2027-05-28' }), { ...settings, daysBefore: 0 }, TODAY, holidays)).toBeUndefined();
  });
});

describe('planReminders and settings', () => {
  it('groups by owner in ID order, most overdue first, and lists escalations', () => {
    const plan = planReminders([
      action('SW-1', { owner: 'UZED', due: '2027-05-27' }),
      action('SW-2', { owner: 'UANN', due: '2027-05-27' }),
      action('SW-3', { owner: 'UANN', due: '2027-05-03' }),
    ], settings, TODAY, holidays);
    expect([...plan.byOwner].map(([owner, items]) => [owner, items.map((i) => i.action.id)])).toEqual([['UANN', ['SW-3', 'SW-2']], ['UZED', ['SW-1']]]);
    expect(plan.escalations.map((i) => i.action.id)).toEqual(['SW-3']);
  });

  it("takes each setting the network chose, and the deployment's default for the rest", () => {
    const sw = network('South West', 'CSW', ['U1'], { reminders: { escalateAfter: 2 } });
    expect(reminderSettingsOf(sw, { daysBefore: 4, escalateAfter: 9, time: { hour: 8, minute: 0 } })).toEqual({ daysBefore: 4, escalateAfter: 2, time: { hour: 8, minute: 0 } });
  });
});
