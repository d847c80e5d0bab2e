import { compareActions, isLive, isSnoozed, type Action } from './actions.ts';
import type { LocalDate } from './local-date.ts';
import type { Network } from './networks.ts';
import { addWorkingDays, workingDaysAfter, type BankHolidays } from './working-days.ts';

/** A wall-clock time of day in the bot's time zone. */
export interface ClockTime {
  hour: number;
  minute: number;
}

/** How a network's reminders behave. */
export interface ReminderSettings {
  /** Remind owners this many working days before the due date (0: only on the day and after). */
  daysBefore: number;
  /** Tell the co-chairs about actions overdue by more than this many working days. */
  escalateAfter: number;
  /** When the reminders go out on working days. */
  time: ClockTime;
}

/** What a network's co-chairs have chosen; anything they have not set follows the deployment's defaults. */
export type ReminderOverrides = Partial<ReminderSettings>;

export const BUILT_IN_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 3, escalateAfter: 5, time: { hour: 9, minute: 0 } };

export const REMINDER_LIMITS = {
  daysBefore: { min: 0, max: 20 },
  escalateAfter: { min: 0, max: 60 },
} as const;

export function reminderSettingsOf(network: Network, defaults: ReminderSettings): ReminderSettings {
  const own = network.reminders ?? {};
  return {
    daysBefore: own.daysBefore ?? defaults.daysBefore,
    escalateAfter: own.escalateAfter ?? defaults.escalateAfter,
    time: own.time ?? defaults.time,
  };
}

export type ReminderReason = 'overdue' | 'due-today' | 'due-soon';

export interface ReminderItem {
  action: Action;
  reason: ReminderReason;
  /** Working days since the due date (0 unless overdue). */
  workingDaysOverdue: number;
  /** Overdue by more than the network's escalation threshold. */
  escalate: boolean;
}

/**
 * Whether an action needs a reminder today, and why. Done, dropped, snoozed
 * and undated (ongoing) actions do not. Used twice: to plan a run, and again
 * on the stored action just before its message goes out.
 */
export function reminderFor(action: Action, settings: ReminderSettings, today: LocalDate, holidays: BankHolidays): ReminderItem | undefined {
  const due = action.timescale.due;
  if (!isLive(action.status) || isSnoozed(action, today) || due === null) return undefined;
  if (due < today) {
    const workingDaysOverdue = workingDaysAfter(due, today, holidays);
    return { action, reason: 'overdue', workingDaysOverdue, escalate: workingDaysOverdue > settings.escalateAfter };
  }
  if (due === today) return { action, reason: 'due-today', workingDaysOverdue: 0, escalate: false };
  if (due <= addWorkingDays(today, settings.daysBefore, holidays)) return { action, reason: 'due-soon', workingDaysOverdue: 0, escalate: false };
  return undefined;
}

export interface ReminderPlan {
  /** Each owner's actions needing a reminder, most overdue first; owners in ID order. */
  byOwner: Map<string, ReminderItem[]>;
  /** Actions to escalate to the co-chairs, most overdue first. */
  escalations: ReminderItem[];
}

export function planReminders(actions: readonly Action[], settings: ReminderSettings, today: LocalDate, holidays: BankHolidays): ReminderPlan {
  const items = actions
    .map((a) => reminderFor(a, settings, today, holidays))
    .filter((i) => i !== undefined)
    .sort((a, b) => compareActions(a.action, b.action));
  const byOwner = new Map<string, ReminderItem[]>();
  for (const owner of [...new Set(items.map((i) => i.action.owner))].sort()) byOwner.set(owner, []);
  for (const item of items) byOwner.get(item.action.owner)!.push(item);
  return { byOwner, escalations: items.filter((i) => i.escalate) };
}
