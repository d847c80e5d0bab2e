import type { HomeView, KnownBlock } from '@slack/types';
import { dueLabel, meetingLabel, ragLabel, statusLabel, timestampLabel } from '../../commands/format.ts';
import type { HomeOverview } from '../app/home.ts';
import { isOverdue, ragOf } from '../domain/actions.ts';
import { localDateAt } from '../domain/local-date.ts';
import { actionButtons, escapeMrkdwn } from './render-blocks.ts';

/** A Home tab holds at most 100 blocks; each action takes two. */
export const HOME_MAX_ACTIONS = 30;

const RAG_EMOJI = { red: ':red_circle:', amber: ':large_orange_circle:', green: ':large_green_circle:' } as const;

/**
 * The App Home tab: the person's open actions across their networks,
 * overdue first with RAG, each with the same buttons as in messages, and
 * the next meeting of each of their networks. Pure.
 */
export function homeView(overview: HomeOverview, args: { now: Date; timeZone: string; notice?: string }): HomeView {
  const { now, timeZone } = args;
  const today = localDateAt(now, timeZone);
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Your open actions' } }];
  if (args.notice) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: args.notice }] });

  if (overview.actions.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'You own no open actions. Actions you are given in a network channel appear here.' } });
  }
  const overdue = overview.actions.filter(({ action }) => isOverdue(action, today)).length;
  if (overdue > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${overdue} overdue*, shown first.` }] });
  for (const { action, network } of overview.actions.slice(0, HOME_MAX_ACTIONS)) {
    const { rag } = ragOf(action, now, timeZone);
    const emoji = rag ? `${RAG_EMOJI[rag]} ` : '';
    const due = action.timescale.due ? `due ${dueLabel(action)}${isOverdue(action, today) ? ' (*overdue*)' : ''}` : dueLabel(action);
    const details = [network?.name ?? action.network, escapeMrkdwn(action.timescale.phrase), due, statusLabel(action), `RAG ${ragLabel(action, now, timeZone)}`];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${emoji}*${action.id}* ${escapeMrkdwn(action.title)}\n${details.join(' · ')}` } });
    blocks.push(actionButtons(action.id, action.updatedAt));
  }
  const hidden = overview.actions.length - HOME_MAX_ACTIONS;
  if (hidden > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${hidden} more. \`/psw action list mine\` in your network's channel lists them all.` }] });
  }

  blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Next meetings' } });
  const meetings = overview.networks.map(({ network, next }) => `*${escapeMrkdwn(network.name)}*: ${next ? meetingLabel(next, timeZone) : 'no schedule set yet'}`);
  blocks.push(meetings.length > 0
    ? { type: 'section', text: { type: 'mrkdwn', text: meetings.join('\n') } }
    : { type: 'section', text: { type: 'mrkdwn', text: 'You have no role in a network yet. A co-chair links a channel with `/psw network link <region>`.' } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Updated ${timestampLabel(now.toISOString(), timeZone)}` }] });
  return { type: 'home', blocks };
}
