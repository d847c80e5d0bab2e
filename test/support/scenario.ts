import { createAction, type Action, type ActionStatus } from '../../src/domain/actions.ts';
import type { LocalDate } from '../../src/domain/local-date.ts';
import { findRegion, newNetwork, type Network } from '../../src/domain/networks.ts';
import { CURRENT_SCHEMA_VERSION, type StateDocument } from '../../src/store/state.ts';

/** The moment of the "Done when": Thursday 27 May 2027, 09:00 BST. Monday 31 May is the spring bank holiday. */
export const DONE_WHEN_NOW = '2027-05-27T09:00:00+01:00';

const CREATED = new Date('2027-01-04T10:00:00Z');

export function network(region: string, channel: string, coChairs: string[], extra: Partial<Network> = {}): Network {
  const base = newNetwork(findRegion(region)!, channel, coChairs[0]!, CREATED, ['CSW2122', 'PSW2123']);
  return { ...base, roles: Object.fromEntries(coChairs.map((u) => [u, 'co-chair'])), ...extra };
}

export interface ActionSpec {
  owner: string;
  due: LocalDate | null;
  status?: ActionStatus;
  snoozedUntil?: LocalDate;
  title?: string;
  priorities?: string[];
  createdAt?: Date;
}

export function action(id: string, spec: ActionSpec): Action {
  const a = createAction(id, id.split('-')[0]!, {
    title: spec.title ?? `Action ${id}`,
    owner: spec.owner,
    priorities: spec.priorities ?? ['CSW2122.4'],
    timescale: { phrase: spec.due ?? 'Ongoing', due: spec.due, ongoing: spec.due === null },
  }, spec.owner, spec.createdAt ?? CREATED);
  return { ...a, status: spec.status ?? 'open', snoozedUntil: spec.snoozedUntil ?? null };
}

/**
 * A store with due, overdue, snoozed and done actions, as the "Done
 * when" asks. At 09:00 on 27 May 2027 with the default settings (3 working
 * days before, escalate after more than 5 working days overdue):
 * - UANNA: SW-1 (due today), SW-2 (due Tue 1 Jun: 2 working days, over the bank holiday). Not SW-3 (3 Jun is 4 working days away).
 * - UBEN: SW-4 (6 working days overdue: escalated), SW-5 (5 working days overdue: not escalated).
 * - UCAT: SW-11 (due Wed 2 Jun, the third working day). Not SW-6 (snoozed until tomorrow), not SW-7 (done).
 * - UFAY: SW-10 (overdue; its snooze ended today).
 * - Nobody for SW-8 (dropped) or SW-9 (ongoing, no due date).
 * - Co-chairs ULEAD and UCO2: one escalation each, listing SW-4.
 * - North West (days-before 0): UGUS for NW-2 (due today), not NW-1 (due tomorrow).
 */
export function doneWhenState(): StateDocument {
  const sw = network('South West', 'CSW', ['ULEAD', 'UCO2'], { lastActionNumber: 11 });
  const nw = network('North West', 'CNW', ['UNWCHAIR'], { lastActionNumber: 2, reminders: { daysBefore: 0 } });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    networks: [sw, nw],
    actions: [
      action('SW-1', { owner: 'UANNA', due: '2027-05-27' }),
      action('SW-2', { owner: 'UANNA', due: '2027-06-01', status: 'in-progress' }),
      action('SW-3', { owner: 'UANNA', due: '2027-06-03' }),
      action('SW-4', { owner: 'UBEN', due: '2027-05-19', status: 'blocked' }),
      action('SW-5', { owner: 'UBEN', due: '2027-05-20' }),
      action('SW-6', { owner: 'UCAT', due: '2027-05-10', snoozedUntil: '2027-05-28' }),
      action('SW-7', { owner: 'UCAT', due: '2027-05-25', status: 'done' }),
      action('SW-8', { owner: 'UDAN', due: '2027-05-26', status: 'dropped' }),
      action('SW-9', { owner: 'UEVE', due: null }),
      action('SW-10', { owner: 'UFAY', due: '2027-05-24', snoozedUntil: '2027-05-27' }),
      action('SW-11', { owner: 'UCAT', due: '2027-06-02' }),
      action('NW-1', { owner: 'UGUS', due: '2027-05-28' }),
      action('NW-2', { owner: 'UGUS', due: '2027-05-27' }),
    ],
    workplan: [],
    frameworks: [],
    records: {},
  };
}
