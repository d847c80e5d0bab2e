import { describe, expect, it } from 'vitest';
import { updateAction } from '../../src/domain/actions.ts';
import { statusAt } from '../../src/domain/action-history.ts';
import { archiveAgenda } from '../../src/domain/agenda-archive.ts';
import { action, network } from '../support/scenario.ts';

const START = new Date('2027-06-01T09:00:00Z');
const meeting = { date: '2027-06-01', startsAt: START };

describe('statusAt', () => {
  it('reads an action’s status at an instant from its history', () => {
    const a = updateAction(action('SW-1', { owner: 'U1', due: '2027-05-28' }), { status: 'done' }, undefined, 'U1', new Date('2027-06-01T10:00:00Z'));
    expect(statusAt(a, new Date('2026-12-01T00:00:00Z'))).toBeUndefined();
    expect(statusAt(a, START)).toBe('open');
    expect(statusAt(a, new Date('2027-06-01T10:00:00Z'))).toBe('done');
  });
});

describe('archiveAgenda', () => {
  it('archives what the meeting reviewed and keeps items submitted once it had begun', () => {
    const sw = network('South West', 'CSW', ['U1'], {
      agendaItems: [
        { id: 1, text: 'Before', submittedBy: 'U2', submittedAt: '2027-05-30T12:00:00.000Z' },
        { id: 2, text: 'At the start', submittedBy: 'U2', submittedAt: START.toISOString() },
      ],
      decisions: [{ id: 4, text: 'Agreed', recordedBy: 'U1', recordedAt: '2027-06-01T10:30:00.000Z', meetingDate: '2027-06-01' }],
    });
    const doneInTheMeeting = updateAction(action('SW-1', { owner: 'U1', due: '2027-05-28' }), { status: 'done' }, undefined, 'U1', new Date('2027-06-01T10:00:00Z'));
    const doneBefore = updateAction(action('SW-2', { owner: 'U1', due: '2027-05-28' }), { status: 'done' }, undefined, 'U1', new Date('2027-05-20T10:00:00Z'));
    const later = action('SW-3', { owner: 'U1', due: '2027-07-01' });
    const { archive, network: cleared } = archiveAgenda(sw, [doneInTheMeeting, doneBefore, later], meeting, new Date('2027-06-02T08:00:00Z'));
    expect(archive).toMatchObject({ meetingDate: '2027-06-01', dueActionIds: ['SW-1'], decisionIds: [4], submittedItems: [{ id: 1 }] });
    expect(cleared.agendaItems.map((i) => i.id)).toEqual([2]);
  });
});
