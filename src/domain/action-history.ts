import type { Action, ActionStatus } from './actions.ts';

/** Each status an action has had since it was created, with when it took it, oldest first. */
export function statusTimeline(action: Action): { at: string; status: ActionStatus }[] {
  const timeline: { at: string; status: ActionStatus }[] = [{ at: action.createdAt, status: 'open' }];
  for (const entry of action.history) {
    const change = entry.changes.find((c) => c.field === 'status');
    if (change) timeline.push({ at: entry.at, status: change.to as ActionStatus });
  }
  return timeline;
}

/** The action's status at an instant, from its history; undefined before it existed. */
export function statusAt(action: Action, instant: Date): ActionStatus | undefined {
  const iso = instant.toISOString();
  if (action.createdAt > iso) return undefined;
  return statusTimeline(action).filter((s) => s.at <= iso).at(-1)?.status;
}

/** When the action last became done, if it is done now. */
export function doneAt(action: Action): string | undefined {
  if (action.status !== 'done') return undefined;
  return statusTimeline(action).filter((s) => s.status === 'done').at(-1)?.at;
}
