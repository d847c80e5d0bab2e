import { ragOf, type Action } from '../src/domain/actions.ts';
import { formatUkDate, formatUkLongDate, zonedParts } from '../src/domain/local-date.ts';
import type { MeetingOccurrence } from '../src/domain/meetings.ts';
import type { Operation } from '../src/app/operation.ts';
import { SHEET_AUTHOR } from '../src/sheets/row-values.ts';
import type { CommandContext } from './types.ts';

/** Shared wording for actions and dates, so every command shows them alike. */

export const RAG_LABEL = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export const STATUS_LABEL = { open: 'Open', 'in-progress': 'In progress', blocked: 'Blocked', done: 'Done', dropped: 'Dropped' } as const;

export function statusLabel(action: Action): string {
  return STATUS_LABEL[action.status];
}

export function ragLabel(action: Action, now: Date, timeZone: string): string {
  const { rag } = ragOf(action, now, timeZone);
  return rag ? RAG_LABEL[rag] : '—';
}

export function dueLabel(action: Action): string {
  if (action.timescale.due) return formatUkDate(action.timescale.due);
  return action.timescale.ongoing ? 'reviewed each meeting' : '—';
}

/** "fortnightly", "weekly", "every 3 weeks" */
export function frequencyLabel(intervalWeeks: number): string {
  return intervalWeeks === 1 ? 'weekly' : intervalWeeks === 2 ? 'fortnightly' : `every ${intervalWeeks} weeks`;
}

/** A person as a mention; the bot's own authors (the Sheets sync) by name. */
export function mention(userId: string): string {
  if (userId === SHEET_AUTHOR) return 'the Google Sheet';
  return `<@${userId}>`;
}

export const ACTION_TABLE_COLUMNS = ['ID', 'Action', 'Owner', 'Timescale', 'Due', 'Status', 'RAG'];

export function actionRow(action: Action, now: Date, timeZone: string): string[] {
  return [action.id, action.title, mention(action.owner), action.timescale.phrase, dueLabel(action), statusLabel(action), ragLabel(action, now, timeZone)];
}

/** "SW-1 Audit s42 practice (<@U0AAA>, due 31 May 2027, Red)" */
export function actionLine(action: Action, now: Date, timeZone: string): string {
  const due = action.timescale.due ? `due ${formatUkDate(action.timescale.due)}` : action.timescale.phrase;
  return `${action.id} ${action.title} (${mention(action.owner)}, ${due}, ${statusLabel(action)}, ${ragLabel(action, now, timeZone)})`;
}

/** "Thursday 3 June 2027 at 10:00" in the bot's zone. */
export function meetingLabel(meeting: MeetingOccurrence, timeZone: string): string {
  const { hour, minute } = zonedParts(meeting.startsAt, timeZone);
  return `${formatUkLongDate(meeting.date)} at ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "29 Nov 2026 14:05" in the bot's zone, for history entries. */
export function timestampLabel(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return `${formatUkDate(date)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Runs a use case in one store transaction with the command's context. */
export function inTransaction<T>(ctx: CommandContext, work: (op: Operation) => Promise<T>): Promise<T> {
  return ctx.store.transaction((tx) => work({
    tx, shippedFrameworks: ctx.shippedFrameworks, now: ctx.now, timeZone: ctx.timeZone, userId: ctx.userId, channelId: ctx.channelId,
  }));
}
