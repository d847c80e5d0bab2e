import { agendaBlocks } from '../commands/agenda-view.ts';
import { announce, context } from '../commands/reply.ts';
import { AGENDA_ARCHIVE_KIND, agendaArchiveKey, archiveAgenda } from '../src/domain/agenda-archive.ts';
import { localDateAt, type LocalDate } from '../src/domain/local-date.ts';
import { buildAgenda, latestMeeting, nextMeeting, type MeetingOccurrence } from '../src/domain/meetings.ts';
import type { Network } from '../src/domain/networks.ts';
import { previousWorkingDay } from '../src/domain/working-days.ts';
import type { Outgoing } from '../src/messaging/deliver.ts';
import type { StoreTx } from '../src/store/store.ts';
import { coverageIn, deliver, jobReport, networksInScope } from './shared.ts';
import type { Job, JobDeps } from './types.ts';

/**
 * The working day before each meeting, posts its agenda to every channel
 * linked to the network. Once a meeting's day has passed, archives its
 * agenda (a store record per meeting) and clears the items submitted for it.
 */
const agenda: Job = {
  name: 'agenda',
  schedule: '0 9 * * 1-5',
  summary: "Post each network's agenda the working day before its meeting; afterwards archive it and clear the submitted items",
  async run(deps, now) {
    const timeZone = deps.config.timeZone;
    const today = localDateAt(now, timeZone);
    const log = deps.log.child({ job: 'agenda' });
    const networks = await deps.store.transaction((tx) => networksInScope(tx, deps));

    const archived: string[] = [];
    for (const { code } of networks) {
      const meetingDate = await deps.store.transaction((tx) => archiveFinishedMeeting(tx, code, now, timeZone, today));
      if (meetingDate) {
        archived.push(`${code}:${meetingDate}`);
        log.info({ network: code, meetingDate }, 'agenda archived and submitted items cleared');
      }
    }

    const messages = networks.flatMap((network) => {
      if (!network.meeting) return [];
      const meeting = nextMeeting(network.meeting, now, timeZone);
      if (previousWorkingDay(meeting.date, deps.bankHolidays) !== today) return [];
      return network.channels.map((channel) => agendaPost(network, channel, meeting, deps, now, today));
    });
    const delivery = await deliver('agenda', messages, deps, today);
    log.info({ today, networks: networks.length, archived: archived.length, ...delivery }, 'agenda run finished');
    return jobReport(delivery, { today, archived });
  },
};

export default agenda;

/** Archives the latest meeting once its day is over; returns its date if this call archived it. */
async function archiveFinishedMeeting(tx: StoreTx, code: string, now: Date, timeZone: string, today: LocalDate): Promise<LocalDate | undefined> {
  const network = await tx.network(code);
  const latest = network?.meeting ? latestMeeting(network.meeting, now, timeZone) : undefined;
  if (!network || !latest || latest.date >= today) return undefined;
  const { archive, network: cleared } = archiveAgenda(network, await tx.actionsOfNetwork(code), latest, now);
  if (!(await tx.claimRecord(AGENDA_ARCHIVE_KIND, agendaArchiveKey(code, latest.date), archive))) return undefined;
  await tx.saveNetwork(cleared);
  return latest.date;
}

function agendaPost(network: Network, channel: string, meeting: MeetingOccurrence, deps: JobDeps, now: Date, today: LocalDate): Outgoing {
  const timeZone = deps.config.timeZone;
  return {
    key: { recipient: channel, subject: `${network.code}:${meeting.date}`, kind: 'agenda', day: today },
    to: { channel },
    network: network.code,
    async compose(tx) {
      const current = await tx.network(network.code);
      if (!current?.meeting || !current.channels.includes(channel)) return undefined;
      const actions = await tx.actionsOfNetwork(network.code);
      const built = buildAgenda(current, actions, await coverageIn(tx, deps.shippedFrameworks, current, actions), now, timeZone);
      if (built.meeting?.date !== meeting.date) return undefined;
      return {
        reply: announce(...agendaBlocks(current, built, now, timeZone), context('Posted automatically the working day before the meeting. Add an item with `/psw agenda add <item>`.')),
        actionIds: built.dueActions.map((a) => a.id),
      };
    },
  };
}
