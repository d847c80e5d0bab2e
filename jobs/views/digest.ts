import { actionLine } from '../../commands/format.ts';
import { context, fields, heading, list, reply, text, type Reply, type ReplyBlock } from '../../commands/reply.ts';
import type { Action } from '../../src/domain/actions.ts';
import type { WeeklyDigest } from '../../src/domain/digest.ts';
import { formatUkDate } from '../../src/domain/local-date.ts';
import type { Network } from '../../src/domain/networks.ts';
import { capped } from '../shared.ts';

const ITEMS_PER_LIST = 15;

function section(title: string, items: readonly string[], none: string, more: string): ReplyBlock[] {
  if (items.length === 0) return [text(`*${title} (0)*`), context(none)];
  const { shown, more: rest } = capped(items, ITEMS_PER_LIST);
  return [text(`*${title} (${items.length})*`), list(shown), ...(rest > 0 ? [context(`…and ${rest} more: ${more}`)] : [])];
}

/** The Monday digest a co-chair receives. */
export function digestReply(network: Network, digest: WeeklyDigest, now: Date, timeZone: string): Reply {
  const lines = (actions: readonly Action[]): string[] => actions.map((a) => actionLine(a, now, timeZone));
  return reply(
    heading(`${network.name} PSW network: the week of ${formatUkDate(digest.weekStart)}`),
    fields([
      ['Live actions', String(digest.live)],
      ['Red', String(digest.rag.red)],
      ['Amber', String(digest.rag.amber)],
      ['Green', String(digest.rag.green)],
    ]),
    ...section('Done last week', lines(digest.done), 'None.', '`/psw action list all` lists them.'),
    ...section('New last week', lines(digest.created), 'None.', '`/psw action list` lists them.'),
    ...section('Overdue now', lines(digest.overdue), 'None.', '`/psw action list` lists them, overdue first.'),
    ...section('Priorities with no live action', digest.noLiveAction.map((r) => `${r.code} ${r.title}`), 'None: every priority in force has a live action.', '`/psw coverage` shows them all.'),
    context(`Last week is ${formatUkDate(digest.weekStart)} to ${formatUkDate(digest.weekEnd)}. You get this because you co-chair the network.`),
  );
}
