import { conflict, notFound } from '../errors.ts';
import { localDateAt, type LocalDate } from '../domain/local-date.ts';
import { buildAgenda, buildMinutes, latestMeeting, nextMeeting, nextWeekdayOnOrAfter, type Agenda, type MeetingOccurrence, type Minutes } from '../domain/meetings.ts';
import { requirePermission, type Decision, type MeetingSchedule, type Network } from '../domain/networks.ts';
import { networkCoverage } from './coverage.ts';
import { linkedNetwork, type Operation } from './operation.ts';

export interface ScheduleInput {
  intervalWeeks: number;
  weekday: number;
  hour: number;
  minute: number;
  /** First meeting on or after this date; today when not given. */
  from?: LocalDate;
}

export async function setMeetingSchedule(op: Operation, input: ScheduleInput): Promise<{ network: Network; next: MeetingOccurrence }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const anchor = nextWeekdayOnOrAfter(input.from ?? localDateAt(op.now, op.timeZone), input.weekday);
  const meeting: MeetingSchedule = { intervalWeeks: input.intervalWeeks, weekday: input.weekday, hour: input.hour, minute: input.minute, anchor };
  const updated = { ...network, meeting };
  await op.tx.saveNetwork(updated);
  return { network: updated, next: nextMeeting(meeting, op.now, op.timeZone) };
}

export async function addAgendaItem(op: Operation, text: string): Promise<{ network: Network; id: number }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'contribute');
  const id = network.lastAgendaItemNumber + 1;
  const item = { id, text, submittedBy: op.userId, submittedAt: op.now.toISOString() };
  const updated = { ...network, lastAgendaItemNumber: id, agendaItems: [...network.agendaItems, item] };
  await op.tx.saveNetwork(updated);
  return { network: updated, id };
}

/** The person who submitted an item, or a co-chair, may withdraw it. */
export async function removeAgendaItem(op: Operation, id: number): Promise<Network> {
  const network = await linkedNetwork(op);
  const item = network.agendaItems.find((i) => i.id === id);
  if (!item) throw notFound(`There is no submitted agenda item ${id}. \`/psw agenda\` shows their numbers.`);
  if (item.submittedBy !== op.userId) requirePermission(network, op.userId, 'manage');
  const updated = { ...network, agendaItems: network.agendaItems.filter((i) => i.id !== id) };
  await op.tx.saveNetwork(updated);
  return updated;
}

export async function agendaFor(op: Operation, network: Network): Promise<Agenda> {
  const [actions, coverage] = await Promise.all([op.tx.actionsOfNetwork(network.code), networkCoverage(op, network)]);
  return buildAgenda(network, actions, coverage, op.now, op.timeZone);
}

export async function previewAgenda(op: Operation): Promise<{ network: Network; agenda: Agenda }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  return { network, agenda: await agendaFor(op, network) };
}

/** Posting announces the agenda in the channel; only co-chairs do it. */
export async function postAgenda(op: Operation): Promise<{ network: Network; agenda: Agenda }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  return { network, agenda: await agendaFor(op, network) };
}

/** Decisions belong to the meeting held today or most recently; without a schedule, to today. */
export async function recordDecision(op: Operation, text: string): Promise<{ network: Network; decision: Decision }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const meeting = network.meeting ? latestMeeting(network.meeting, op.now, op.timeZone) : undefined;
  const id = network.lastDecisionNumber + 1;
  const decision: Decision = {
    id, text, recordedBy: op.userId, recordedAt: op.now.toISOString(),
    meetingDate: meeting?.date ?? localDateAt(op.now, op.timeZone),
  };
  const updated = { ...network, lastDecisionNumber: id, decisions: [...network.decisions, decision] };
  await op.tx.saveNetwork(updated);
  return { network: updated, decision };
}

export async function minutesOfLatestMeeting(op: Operation): Promise<{ network: Network; minutes: Minutes }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  if (!network.meeting) throw conflict('No meeting schedule is set, so there are no minutes yet. A co-chair can set one with `/psw meeting set fortnightly Thursday 10:00`.');
  const latest = latestMeeting(network.meeting, op.now, op.timeZone);
  if (!latest) throw notFound(`The ${network.name} network has not met yet on its current schedule.`);
  const next = nextMeeting(network.meeting, op.now, op.timeZone);
  return { network, minutes: buildMinutes(network, await op.tx.actionsOfNetwork(network.code), latest, next.startsAt) };
}
