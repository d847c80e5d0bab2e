import { describe, expect, it } from 'vitest';
import { createAction, ragOf, updateAction, type ActionStatus } from '../../src/domain/actions.ts';

const now = new Date('2027-05-27T09:00:00+01:00');
const tz = 'Europe/London';

function actionDue(due: string | null, status: ActionStatus = 'open') {
  const created = createAction('SW-1', 'SW', { title: 't', owner: 'U1', priorities: ['CSW2122.1'], timescale: { phrase: due ?? 'Ongoing', due, ongoing: due === null } }, 'U1', now);
  return status === 'open' ? created : updateAction(created, { status }, undefined, 'U1', now);
}

describe('RAG derived from due date and status', () => {
  it.each([
    ['2027-05-26', 'open', 'red', 'overdue'],
    ['2027-05-27', 'open', 'amber', 'due within 14 days'],
    ['2027-06-10', 'open', 'amber', 'due within 14 days'],
    ['2027-06-11', 'open', 'green', 'on track'],
    [null, 'open', 'green', 'ongoing'],
    ['2027-09-30', 'blocked', 'amber', 'blocked'],
    ['2027-05-01', 'blocked', 'red', 'overdue'],
    ['2027-05-01', 'done', 'green', 'done'],
    ['2027-05-01', 'dropped', null, 'dropped'],
  ] as const)('due %s, %s → %s', (due, status, rag, basis) => {
    expect(ragOf(actionDue(due, status), now, tz)).toEqual({ rag, basis });
  });

  it('uses the day in the bot’s zone: 23:30 UTC on 31 May is already 1 June in London', () => {
    expect(ragOf(actionDue('2027-05-31'), new Date('2027-05-31T23:30:00Z'), tz).rag).toBe('red');
    expect(ragOf(actionDue('2027-05-31'), new Date('2027-05-31T22:30:00Z'), tz).rag).toBe('amber');
  });

  it('lets an override win, with its reason, until cleared', () => {
    const overridden = updateAction(actionDue('2027-09-30'), { rag: { rag: 'red', reason: 'No budget agreed' } }, undefined, 'UCHAIR', now);
    expect(ragOf(overridden, now, tz)).toEqual({ rag: 'red', basis: 'set by <@UCHAIR>: No budget agreed' });
    const cleared = updateAction(overridden, { rag: null }, 'Budget agreed', 'UCHAIR', now);
    expect(ragOf(cleared, now, tz).rag).toBe('green');
    expect(cleared.history.map((h) => h.changes.map((c) => `${c.field}:${c.from}→${c.to}`))).toEqual([
      ['title:→t', 'owner:→<@U1>', 'priorities:→CSW2122.1', 'timescale:→2027-09-30', 'status:→open'],
      ['rag:→red (No budget agreed)'],
      ['rag:red (No budget agreed)→'],
    ]);
  });
});
