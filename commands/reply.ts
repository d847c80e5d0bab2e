/**
 * A platform-neutral reply. Commands build these; the shell prints them as
 * text and Slack renders them as Block Kit. Mentions are written <@U0AAA>
 * inside text, which each front end renders its own way.
 */
export type ReplyBlock =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'list'; items: string[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'context'; text: string }
  | { type: 'error'; text: string; usage?: string }
  /**
   * The controls for one action (Mark done, Snooze, Update) where the front
   * end has buttons. `updatedAt` is the version the reply showed, so a button
   * pressed after the action changed can say so.
   */
  | { type: 'action-buttons'; actionId: string; updatedAt: string };

export interface Reply {
  /** 'user': only the person who asked sees it; 'channel': announced to the network's channel. */
  audience: 'user' | 'channel';
  blocks: ReplyBlock[];
}

export const reply = (...blocks: ReplyBlock[]): Reply => ({ audience: 'user', blocks });
export const announce = (...blocks: ReplyBlock[]): Reply => ({ audience: 'channel', blocks });
export const heading = (text: string): ReplyBlock => ({ type: 'heading', text });
export const text = (body: string): ReplyBlock => ({ type: 'text', text: body });
export const context = (body: string): ReplyBlock => ({ type: 'context', text: body });
export const list = (items: string[]): ReplyBlock => ({ type: 'list', items });
export const fields = (pairs: [string, string][]): ReplyBlock => ({ type: 'fields', fields: pairs.map(([label, value]) => ({ label, value })) });
export const table = (columns: string[], rows: string[][]): ReplyBlock => ({ type: 'table', columns, rows });
export const actionButtons = (action: { id: string; updatedAt: string }): ReplyBlock => ({ type: 'action-buttons', actionId: action.id, updatedAt: action.updatedAt });
