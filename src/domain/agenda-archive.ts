import { isLive, type Action } from './actions.ts';
import { statusAt } from './action-history.ts';
import type { LocalDate } from './local-date.ts';
import type { MeetingOccurrence } from './meetings.ts';
import type { AgendaItem, Network } from './networks.ts';

/** A meeting's agenda as it stood, kept after the meeting (store records of kind AGENDA_ARCHIVE_KIND). */
export interface AgendaArchive {
  network: string;
  meetingDate: LocalDate;
  startsAt: string;
  standingItems: string[];
  /** The items members submitted for this meeting, cleared from the network's agenda. */
  submittedItems: AgendaItem[];
  /** Actions live at the meeting's start and due by its date: what it reviewed. */
  dueActionIds: string[];
  /** Decisions recorded against the meeting. */
  decisionIds: number[];
  archivedAt: string;
}

export const AGENDA_ARCHIVE_KIND = 'agenda-archive';

export function agendaArchiveKey(network: string, meetingDate: LocalDate): string {
  return `${network}:${meetingDate}`;
}

/**
 * Archives a meeting's agenda and clears the items submitted before it
 * started; items submitted once it had begun stay for the next meeting.
 */
export function archiveAgenda(network: Network, actions: readonly Action[], meeting: MeetingOccurrence, now: Date): { archive: AgendaArchive; network: Network } {
  const start = meeting.startsAt.toISOString();
  const submitted = network.agendaItems.filter((i) => i.submittedAt < start);
  const dueActionIds = actions
    .filter((a) => a.timescale.due !== null && a.timescale.due <= meeting.date)
    .filter((a) => {
      const status = statusAt(a, meeting.startsAt);
      return status !== undefined && isLive(status);
    })
    .map((a) => a.id);
  return {
    archive: {
      network: network.code,
      meetingDate: meeting.date,
      startsAt: start,
      standingItems: network.standingItems,
      submittedItems: submitted,
      dueActionIds,
      decisionIds: network.decisions.filter((d) => d.meetingDate === meeting.date).map((d) => d.id),
      archivedAt: now.toISOString(),
    },
    network: { ...network, agendaItems: network.agendaItems.filter((i) => i.submittedAt >= start) },
  };
}
