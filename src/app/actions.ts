import { badArguments, conflict, forbidden, notFound, UserError } from '../errors.ts';
import { addDays, localDateAt } from '../domain/local-date.ts';
import { nextMeeting } from '../domain/meetings.ts';
import {
  compareActions, createAction, isLive, normaliseActionId, updateAction, type Action, type ActionPatch, type ActionStatus, type NewAction,
} from '../domain/actions.ts';
import { requirePermission, roleOf, type Network } from '../domain/networks.ts';
import type { Framework } from '../domain/frameworks.ts';
import type { StoreTx } from '../store/store.ts';
import { ACCEPTED_TIMESCALE_FORMS, parseTimescale, type Timescale } from '../domain/timescale.ts';
import { catalogueOf, linkedNetwork, resolvePriorities, type Operation } from './operation.ts';

/** Parses a timescale phrase or refuses with the accepted forms listed. */
export function timescaleFrom(phrase: string, op: Pick<Operation, 'now' | 'timeZone'>): Timescale {
  const result = parseTimescale(phrase, op.now, op.timeZone);
  if (!result.ok) {
    throw new UserError('invalid-timescale', `${result.reason} Timescales can be written like: ${ACCEPTED_TIMESCALE_FORMS.map((f) => `"${f}"`).join(', ')}.`);
  }
  return result.timescale;
}

export interface AddActionInput extends Omit<NewAction, 'timescale'> {
  timescalePhrase: string;
}

export async function addAction(op: Operation, input: AddActionInput): Promise<Action> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'contribute');
  const priorities = resolvePriorities(input.priorities, network, await catalogueOf(op)).map((p) => p.code);
  const timescale = timescaleFrom(input.timescalePhrase, op);
  const number = network.lastActionNumber + 1;
  const action = createAction(`${network.code}-${number}`, network.code, { ...input, priorities, timescale }, op.userId, op.now);
  await op.tx.saveNetwork({ ...network, lastActionNumber: number });
  await op.tx.saveAction(action);
  return action;
}

/** An action of this channel's network, found by ID in any letter case. */
export async function findAction(op: Operation, network: Network, typedId: string): Promise<Action> {
  const id = normaliseActionId(typedId);
  if (!id) throw badArguments(`"${typedId}" is not an action ID. IDs look like ${network.code}-12.`);
  const action = await op.tx.action(id);
  if (!action) throw notFound(`There is no action ${id}.${id.startsWith(`${network.code}-`) ? '' : ` Actions of the ${network.name} network start ${network.code}-.`}`);
  if (action.network !== network.code) throw notFound(`${id} belongs to another network; this channel is linked to ${network.name}.`);
  return action;
}

export async function showAction(op: Operation, typedId: string): Promise<Action> {
  return findAction(op, await linkedNetwork(op), typedId);
}

/** Raw update fields as typed; timescale and priorities are checked here. */
export interface ActionUpdateInput extends Omit<ActionPatch, 'timescale'> {
  timescalePhrase?: string;
  note?: string;
}

/** Only the action's owner or a co-chair may change it. */
function requireMayUpdate(network: Network, action: Action, userId: string): void {
  requirePermission(network, userId, 'read');
  if (action.owner !== userId && roleOf(network, userId) !== 'co-chair') {
    throw forbidden(`Only ${action.id}'s owner (<@${action.owner}>) or a co-chair can change it.`);
  }
}

export async function changeAction(op: Operation, typedId: string, input: ActionUpdateInput): Promise<{ before: Action; after: Action }> {
  const network = await linkedNetwork(op);
  const before = await findAction(op, network, typedId);
  requireMayUpdate(network, before, op.userId);
  const { timescalePhrase, note, ...rest } = input;
  const patch: ActionPatch = { ...rest };
  if (timescalePhrase !== undefined) patch.timescale = timescaleFrom(timescalePhrase, op);
  if (input.priorities !== undefined) patch.priorities = resolvePriorities(input.priorities, network, await catalogueOf(op)).map((p) => p.code);
  const after = updateAction(before, patch, note, op.userId, op.now);
  await op.tx.saveAction(after);
  return { before, after };
}

export async function setActionStatus(op: Operation, typedId: string, status: ActionStatus, note: string | undefined): Promise<{ before: Action; after: Action }> {
  return changeAction(op, typedId, { status, ...(note !== undefined && { note }) });
}

export type SnoozeLength = 'day' | 'week' | 'next-meeting';

/**
 * Holds reminders about an action back: for a day,
 * a week, or until the network's next meeting.
 */
export async function snoozeAction(op: Operation, typedId: string, length: SnoozeLength): Promise<Action> {
  const network = await linkedNetwork(op);
  const before = await findAction(op, network, typedId);
  requireMayUpdate(network, before, op.userId);
  if (!isLive(before.status)) throw conflict(`${before.id} is ${before.status}, so there is nothing to snooze.`);
  const today = localDateAt(op.now, op.timeZone);
  let until: string;
  if (length === 'next-meeting') {
    if (!network.meeting) throw conflict('No meeting schedule is set, so there is no next meeting to snooze until. Snooze for a day or a week instead.');
    until = nextMeeting(network.meeting, op.now, op.timeZone).date;
  } else {
    until = addDays(today, length === 'day' ? 1 : 7);
  }
  const after = updateAction(before, { snoozedUntil: until }, undefined, op.userId, op.now);
  await op.tx.saveAction(after);
  return after;
}

export interface ActionFilter {
  owner?: string;
  statuses?: ActionStatus[];
  /** Include done and dropped actions. */
  includeClosed: boolean;
}

export async function listActions(op: Operation, filter: ActionFilter): Promise<{ network: Network; actions: Action[] }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  // One person's actions are few; reading them by owner spares a database the whole network's.
  const candidates = filter.owner === undefined
    ? await op.tx.actionsOfNetwork(network.code)
    : (await op.tx.actionsOwnedBy(filter.owner)).filter((a) => a.network === network.code);
  const actions = candidates
    .filter((a) => filter.owner === undefined || a.owner === filter.owner)
    .filter((a) => (filter.statuses ? filter.statuses.includes(a.status) : filter.includeClosed || isLive(a.status)))
    .sort(compareActions);
  return { network, actions };
}

/**
 * What a form for a new action needs, checked before the form opens: the
 * channel's network, that this person may add actions to it, and the
 * frameworks it has adopted (the priorities an action can answer).
 */
export async function prepareNewAction(op: Operation): Promise<{ network: Network; frameworks: Framework[] }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'contribute');
  const catalogue = await catalogueOf(op);
  const frameworks = network.adoptedFrameworks.map((code) => catalogue.framework(code)).filter((f): f is Framework => f !== undefined);
  return { network, frameworks };
}

/**
 * Finds an action wherever a control for it was pressed (a channel message,
 * a direct message, the App Home) and the channel that speaks for its
 * network: the one it was pressed in when that is linked to the network,
 * else the network's first channel.
 */
export async function locateAction(tx: StoreTx, typedId: string, pressedIn: string | undefined): Promise<{ action: Action; network: Network; channelId: string } | undefined> {
  const id = normaliseActionId(typedId);
  const action = id === undefined ? undefined : await tx.action(id);
  const network = action && await tx.network(action.network);
  const channelId = network && (pressedIn !== undefined && network.channels.includes(pressedIn) ? pressedIn : network.channels[0]);
  return action && network && channelId !== undefined ? { action, network, channelId } : undefined;
}
