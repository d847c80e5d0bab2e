import { isLive, isOverdue, compareActions, type Action } from './actions.ts';
import type { CoverageRow } from './coverage.ts';
import { addDays, dayOfWeek, daysBetween, instantAt, localDateAt, type LocalDate } from './local-date.ts';
import type { AgendaItem, Decision, MeetingSchedule, Network } from './networks.ts';

export interface MeetingOccurrence {
  date: LocalDate;
  startsAt: Date;
}

/** The first date on or after `from` that falls on the weekday. */
export function nextWeekdayOnOrAfter(from: LocalDate, weekday: number): LocalDate {
  return addDays(from, (weekday - dayOfWeek(from) + 7) % 7);
}

/** The first meeting of the cycle: the anchor, or the next matching weekday if the anchor is not one. */
function firstMeeting(schedule: MeetingSchedule): LocalDate {
  return nextWeekdayOnOrAfter(schedule.anchor, schedule.weekday);
}

/** The first meeting that has not started yet at `now`. */
export function nextMeeting(schedule: MeetingSchedule, now: Date, timeZone: string): MeetingOccurrence {
  const first = firstMeeting(schedule);
  const period = 7 * schedule.intervalWeeks;
  const today = localDateAt(now, timeZone);
  let date = today > first ? addDays(first, Math.ceil(daysBetween(first, today) / period) * period) : first;
  let startsAt = instantAt(date, schedule.hour, schedule.minute, timeZone);
  if (startsAt.getTime() <= now.getTime()) {
    date = addDays(date, period);
    startsAt = instantAt(date, schedule.hour, schedule.minute, timeZone);
  }
  return { date, startsAt };
}

/** The latest meeting that started at or before `now`, if the cycle has begun. */
export function latestMeeting(schedule: MeetingSchedule, now: Date, timeZone: string): MeetingOccurrence | undefined {
  const next = nextMeeting(schedule, now, timeZone);
  const date = addDays(next.date, -7 * schedule.intervalWeeks);
  if (date < firstMeeting(schedule)) return undefined;
  return { date, startsAt: instantAt(date, schedule.hour, schedule.minute, timeZone) };
}

export interface Agenda {
  network: string;
  meeting: MeetingOccurrence | null;
  standingItems: string[];
  submittedItems: AgendaItem[];
  /** Live actions due on or before the meeting, overdue first. */
  dueActions: Action[];
  /** Ongoing actions: reviewed at every meeting. */
  ongoingActions: Action[];
  overdueCount: number;
  uncoveredPriorities: CoverageRow[];
}

/**
 * The agenda for the next meeting. Without a schedule it still lists what
 * needs discussing, with the due horizon set to today.
 */
export function buildAgenda(network: Network, actions: readonly Action[], coverage: readonly CoverageRow[], now: Date, timeZone: string): Agenda {
  const meeting = network.meeting ? nextMeeting(network.meeting, now, timeZone) : null;
  const today = localDateAt(now, timeZone);
  const horizon = meeting?.date ?? today;
  const live = actions.filter((a) => isLive(a.status));
  const dueActions = live.filter((a) => a.timescale.due !== null && a.timescale.due <= horizon).sort(compareActions);
  return {
    network: network.code,
    meeting,
    standingItems: network.standingItems,
    submittedItems: network.agendaItems,
    dueActions,
    ongoingActions: live.filter((a) => a.timescale.ongoing && !dueActions.includes(a)).sort(compareActions),
    overdueCount: dueActions.filter((a) => isOverdue(a, today)).length,
    uncoveredPriorities: coverage.filter((row) => row.liveActions.length === 0),
  };
}

export interface Minutes {
  meeting: MeetingOccurrence;
  decisions: Decision[];
  newActions: Action[];
}

/**
 * Minutes of a meeting: the decisions recorded against it and the actions
 * raised from its start until the next meeting.
 */
export function buildMinutes(network: Network, actions: readonly Action[], meeting: MeetingOccurrence, nextStartsAt: Date | null): Minutes {
  const from = meeting.startsAt.toISOString();
  const until = nextStartsAt?.toISOString() ?? '9999';
  return {
    meeting,
    decisions: network.decisions.filter((d) => d.meetingDate === meeting.date),
    newActions: actions.filter((a) => a.createdAt >= from && a.createdAt < until).sort(compareActions),
  };
}
