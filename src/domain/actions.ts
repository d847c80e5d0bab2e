import { conflict } from '../errors.ts';
import { addDays, localDateAt, type LocalDate } from './local-date.ts';
import type { Timescale } from './timescale.ts';

export const ACTION_STATUSES = ['open', 'in-progress', 'blocked', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

/** Statuses that still need someone to do something. */
export function isLive(status: ActionStatus): boolean {
  return status !== 'done' && status !== 'dropped';
}

export interface RagOverride {
  rag: Rag;
  reason: string;
  by: string;
  at: string;
}

/** One field's change, as shown in the history. Values are display text. */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface HistoryEntry {
  at: string;
  by: string;
  kind: 'created' | 'updated';
  changes: FieldChange[];
  note?: string;
}

export interface Action {
  /** "<network code>-<n>", e.g. SW-12: stable forever. */
  id: string;
  network: string;
  title: string;
  owner: string;
  priorities: string[];
  timescale: Timescale;
  status: ActionStatus;
  ragOverride: RagOverride | null;
  resources: string;
  comments: string;
  /** Reminders about this action wait until this day; null when not snoozed. */
  snoozedUntil: LocalDate | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Append-only. */
  history: HistoryEntry[];
}

/** Accepts "sw-12", " SW-12 " and returns the canonical form, or undefined when it is not shaped like an ID. */
export function normaliseActionId(text: string): string | undefined {
  const m = /^\s*([A-Za-z]{2,3})-(\d{1,7})\s*$/.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${Number(m[2])}` : undefined;
}

export interface NewAction {
  title: string;
  owner: string;
  priorities: string[];
  timescale: Timescale;
  resources?: string;
  comments?: string;
}

export function createAction(id: string, network: string, input: NewAction, by: string, now: Date): Action {
  const at = now.toISOString();
  const action: Action = {
    id,
    network,
    title: input.title,
    owner: input.owner,
    priorities: input.priorities,
    timescale: input.timescale,
    status: 'open',
    ragOverride: null,
    resources: input.resources ?? '',
    comments: input.comments ?? '',
    snoozedUntil: null,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    history: [],
  };
  const changes = EDITABLE_FIELDS.map((field) => ({ field, from: '', to: describeField(action, field) })).filter((c) => c.to !== '');
  return { ...action, history: [{ at, by, kind: 'created', changes }] };
}

/** What an update may change. `rag: null` clears an override, so RAG is derived again. */
export interface ActionPatch {
  title?: string;
  owner?: string;
  priorities?: string[];
  timescale?: Timescale;
  status?: ActionStatus;
  rag?: { rag: Rag; reason: string } | null;
  resources?: string;
  comments?: string;
  snoozedUntil?: LocalDate | null;
}

const EDITABLE_FIELDS = ['title', 'owner', 'priorities', 'timescale', 'status', 'rag', 'resources', 'comments', 'snoozedUntil'] as const;
type EditableField = (typeof EDITABLE_FIELDS)[number];

function describeField(action: Action, field: EditableField): string {
  switch (field) {
    case 'owner': return `<@${action.owner}>`;
    case 'priorities': return action.priorities.join(', ');
    case 'timescale': return action.timescale.phrase;
    case 'rag': return action.ragOverride ? `${action.ragOverride.rag} (${action.ragOverride.reason})` : '';
    case 'snoozedUntil': return action.snoozedUntil ?? '';
    default: return action[field];
  }
}

/**
 * Applies a patch and appends one history entry listing what really changed.
 * A patch that changes nothing and carries no note is refused, so the history
 * never fills with empty entries.
 */
export function updateAction(action: Action, patch: ActionPatch, note: string | undefined, by: string, now: Date): Action {
  const at = now.toISOString();
  const next: Action = {
    ...action,
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.owner !== undefined && { owner: patch.owner }),
    ...(patch.priorities !== undefined && { priorities: patch.priorities }),
    ...(patch.timescale !== undefined && { timescale: patch.timescale }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.resources !== undefined && { resources: patch.resources }),
    ...(patch.comments !== undefined && { comments: patch.comments }),
    ...(patch.snoozedUntil !== undefined && { snoozedUntil: patch.snoozedUntil }),
    ...(patch.rag !== undefined && { ragOverride: patch.rag && { ...patch.rag, by, at } }),
  };
  const changes = EDITABLE_FIELDS
    .map((field) => ({ field, from: describeField(action, field), to: describeField(next, field) }))
    .filter((c) => c.from !== c.to);
  if (changes.length === 0 && !note) {
    throw conflict(`${action.id} already has those values, so nothing was changed.`);
  }
  return { ...next, updatedAt: at, history: [...action.history, { at, by, kind: 'updated', changes, ...(note && { note }) }] };
}

/** Days before the due date at which a live action turns amber. */
export const AMBER_WINDOW_DAYS = 14;

export interface RagView {
  rag: Rag | null;
  /** Why: "overdue", "due within 14 days", "override: <reason>"... */
  basis: string;
}

/**
 * RAG as council reporting uses it. Derived from the due date and status
 * unless an owner or co-chair has set it, with a reason, which then wins.
 * Done is green; dropped has no RAG.
 */
export function ragOf(action: Action, now: Date, timeZone: string): RagView {
  if (action.status === 'dropped') return { rag: null, basis: 'dropped' };
  if (action.ragOverride) return { rag: action.ragOverride.rag, basis: `set by <@${action.ragOverride.by}>: ${action.ragOverride.reason}` };
  if (action.status === 'done') return { rag: 'green', basis: 'done' };
  const today = localDateAt(now, timeZone);
  const due = action.timescale.due;
  if (due !== null && due < today) return { rag: 'red', basis: 'overdue' };
  if (action.status === 'blocked') return { rag: 'amber', basis: 'blocked' };
  if (due !== null && due <= addDays(today, AMBER_WINDOW_DAYS)) return { rag: 'amber', basis: `due within ${AMBER_WINDOW_DAYS} days` };
  return { rag: 'green', basis: due === null ? 'ongoing' : 'on track' };
}

/** Snoozed actions are left out of reminders until their snooze date arrives. */
export function isSnoozed(action: Action, today: LocalDate): boolean {
  return action.snoozedUntil !== null && action.snoozedUntil > today;
}

export function isOverdue(action: Action, today: LocalDate): boolean {
  return isLive(action.status) && action.timescale.due !== null && action.timescale.due < today;
}

/** Overdue first, then by due date (undated last), then by number. */
export function compareActions(a: Action, b: Action): number {
  const da = a.timescale.due ?? '9999-12-31';
  const db = b.timescale.due ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return actionNumber(a.id) - actionNumber(b.id);
}

export function actionNumber(id: string): number {
  return Number(id.slice(id.indexOf('-') + 1));
}
