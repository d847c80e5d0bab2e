import { compareActions, isLive, isOverdue, ragOf, type Action } from './actions.ts';
import { doneAt } from './action-history.ts';
import type { CoverageRow } from './coverage.ts';
import { addDays, dayOfWeek, instantAt, localDateAt, type LocalDate } from './local-date.ts';

export interface WeeklyDigest {
  /** Monday of the week reported on. */
  weekStart: LocalDate;
  /** Its Sunday. */
  weekEnd: LocalDate;
  done: Action[];
  created: Action[];
  overdue: Action[];
  /** Live actions by RAG. */
  rag: { red: number; amber: number; green: number };
  live: number;
  /** Priorities in force with no live action (planned-only or uncovered). */
  noLiveAction: CoverageRow[];
}

/** Monday of the week `date` falls in. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * What co-chairs read on Monday morning: last week (Monday to Sunday before
 * the week `now` is in) and where things stand now.
 */
export function buildDigest(actions: readonly Action[], coverage: readonly CoverageRow[], now: Date, timeZone: string): WeeklyDigest {
  const today = localDateAt(now, timeZone);
  const weekStart = addDays(mondayOf(today), -7);
  const from = instantAt(weekStart, 0, 0, timeZone).toISOString();
  const until = instantAt(mondayOf(today), 0, 0, timeZone).toISOString();
  const inWeek = (iso: string | undefined): boolean => iso !== undefined && iso >= from && iso < until;
  const live = actions.filter((a) => isLive(a.status));
  const rag = { red: 0, amber: 0, green: 0 };
  for (const a of live) {
    const r = ragOf(a, now, timeZone).rag;
    if (r) rag[r]++;
  }
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    done: actions.filter((a) => inWeek(doneAt(a))).sort(compareActions),
    created: actions.filter((a) => inWeek(a.createdAt)).sort(compareActions),
    overdue: actions.filter((a) => isOverdue(a, today)).sort(compareActions),
    rag,
    live: live.length,
    noLiveAction: coverage.filter((row) => row.liveActions.length === 0),
  };
}
