import type { Agenda } from '../src/domain/meetings.ts';
import type { Network } from '../src/domain/networks.ts';
import { actionLine, meetingLabel, mention } from './format.ts';
import { context, heading, list, text, type ReplyBlock } from './reply.ts';

/** The agenda as `agenda` previews it and `agenda post` announces it. */
export function agendaBlocks(network: Network, agenda: Agenda, now: Date, timeZone: string): ReplyBlock[] {
  const when = agenda.meeting ? meetingLabel(agenda.meeting, timeZone) : 'no meeting scheduled (a co-chair can set one with `/psw meeting set`)';
  const blocks: ReplyBlock[] = [heading(`${network.name} PSW network: agenda`), text(`*Next meeting:* ${when}`)];
  blocks.push(text('*Standing items*'), list(agenda.standingItems));
  blocks.push(text('*Submitted items*'), agenda.submittedItems.length > 0
    ? list(agenda.submittedItems.map((i) => `${i.id}. ${i.text} (${mention(i.submittedBy)})`))
    : context('None submitted. Add one with `/psw agenda add <item>`.'));
  const horizon = agenda.meeting ? 'due by the meeting or overdue' : 'due or overdue';
  blocks.push(text(`*Actions ${horizon} (${agenda.dueActions.length}, ${agenda.overdueCount} overdue)*`), agenda.dueActions.length > 0
    ? list(agenda.dueActions.map((a) => actionLine(a, now, timeZone)))
    : context('None.'));
  if (agenda.ongoingActions.length > 0) {
    blocks.push(text(`*Ongoing actions, reviewed every meeting (${agenda.ongoingActions.length})*`), list(agenda.ongoingActions.map((a) => actionLine(a, now, timeZone))));
  }
  if (agenda.uncoveredPriorities.length > 0) {
    blocks.push(text(`*Priorities with no live action (${agenda.uncoveredPriorities.length})*`), list(agenda.uncoveredPriorities.map((r) => `${r.code} ${r.title}`)));
  }
  return blocks;
}
