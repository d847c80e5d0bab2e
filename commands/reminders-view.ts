import { BUILT_IN_REMINDER_SETTINGS, reminderSettingsOf, type ClockTime } from '../src/domain/reminders.ts';
import type { Network } from '../src/domain/networks.ts';
import { fields, heading, type ReplyBlock } from './reply.ts';
import type { CommandContext } from './types.ts';

export function clockLabel(time: ClockTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

const days = (n: number): string => `${n} working day${n === 1 ? '' : 's'}`;

/** The network's reminder settings, each marked as the network's own choice or the default. */
export function describeReminderSettings(network: Network, ctx: Pick<CommandContext, 'reminderDefaults'>): ReplyBlock[] {
  const settings = reminderSettingsOf(network, ctx.reminderDefaults ?? BUILT_IN_REMINDER_SETTINGS);
  const own = network.reminders ?? {};
  const source = (set: boolean): string => (set ? 'set by the co-chairs' : 'default');
  return [
    heading(`${network.name} PSW network: reminders`),
    fields([
      ['Reminders go out', `working days at ${clockLabel(settings.time)} UK time (${source(own.time !== undefined)})`],
      ['Owners are reminded', `${settings.daysBefore === 0 ? 'on the due date' : `${days(settings.daysBefore)} before the due date`}, on the day and while overdue (${source(own.daysBefore !== undefined)})`],
      ['Co-chairs are told', `about actions overdue by more than ${days(settings.escalateAfter)} (${source(own.escalateAfter !== undefined)})`],
    ]),
  ];
}
