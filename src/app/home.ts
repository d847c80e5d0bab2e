import { compareActions, isLive, type Action } from '../domain/actions.ts';
import { nextMeeting, type MeetingOccurrence } from '../domain/meetings.ts';
import type { Network } from '../domain/networks.ts';
import type { Operation } from './operation.ts';

export interface HomeOverview {
  /** The person's live actions in every network, overdue first, then by due date. */
  actions: { action: Action; network: Network | undefined }[];
  /** Networks the person has a role in or owns actions in, with their next meeting when scheduled. */
  networks: { network: Network; next: MeetingOccurrence | undefined }[];
}

/** A person's own work across networks: what a home page shows. Reads only. */
export async function homeOverview(op: Pick<Operation, 'tx' | 'userId' | 'now' | 'timeZone'>): Promise<HomeOverview> {
  const [owned, networks] = await Promise.all([op.tx.actionsOwnedBy(op.userId), op.tx.networks()]);
  const byCode = new Map(networks.map((n) => [n.code, n]));
  const live = owned.filter((a) => isLive(a.status)).sort(compareActions);
  const involved = networks
    .filter((n) => n.roles[op.userId] !== undefined || owned.some((a) => a.network === n.code))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    actions: live.map((action) => ({ action, network: byCode.get(action.network) })),
    networks: involved.map((network) => ({ network, next: network.meeting ? nextMeeting(network.meeting, op.now, op.timeZone) : undefined })),
  };
}
