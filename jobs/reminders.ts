import { localDateAt, type LocalDate } from '../src/domain/local-date.ts';
import { coChairsOf, type Network } from '../src/domain/networks.ts';
import { planReminders, reminderFor, reminderSettingsOf, type ReminderItem, type ReminderSettings } from '../src/domain/reminders.ts';
import { isWorkingDay, type BankHolidays } from '../src/domain/working-days.ts';
import type { Outgoing } from '../src/messaging/deliver.ts';
import type { StoreTx } from '../src/store/store.ts';
import { deliver, jobReport, networksInScope } from './shared.ts';
import type { Job } from './types.ts';
import { escalationReply, reminderReply } from './views/reminders.ts';

/**
 * On working days, each owner gets one direct message per network listing
 * their actions overdue, due today or due within the network's days-before;
 * each co-chair gets one message per network listing the actions overdue by
 * more than its escalate-after. Snoozed, done, dropped and undated actions
 * are left out, and every action is looked at again just before its message
 * goes.
 */
const reminders: Job = {
  name: 'reminders',
  schedule: '0 9 * * 1-5',
  summary: 'Remind owners of actions due soon, due today or overdue; tell co-chairs about actions long overdue',
  scheduleFor(network, config) {
    const { time } = reminderSettingsOf(network, config.reminderDefaults);
    return `${time.minute} ${time.hour} * * 1-5`;
  },
  async run(deps, now) {
    const today = localDateAt(now, deps.config.timeZone);
    const log = deps.log.child({ job: 'reminders' });
    if (!isWorkingDay(today, deps.bankHolidays)) {
      log.info({ today, bankHoliday: deps.bankHolidays.on(today) }, 'not a working day: no reminders');
      return { sent: 0, skipped: 0, failed: 0, detail: { today, notAWorkingDay: true } };
    }
    const planned = await deps.store.transaction(async (tx) => {
      const networks = await networksInScope(tx, deps);
      return Promise.all(networks.map(async (network) => {
        const settings = reminderSettingsOf(network, deps.config.reminderDefaults);
        return { network, settings, plan: planReminders(await tx.actionsOfNetwork(network.code), settings, today, deps.bankHolidays) };
      }));
    });
    const messages = planned.flatMap(({ network, settings, plan }) => [
      ...[...plan.byOwner].map(([owner, items]) => ownerReminder(network, owner, items, settings, today, deps.bankHolidays)),
      ...(plan.escalations.length === 0 ? [] : coChairsOf(network).sort().map((coChair) => escalation(network, coChair, plan.escalations, settings, today, deps.bankHolidays))),
    ]);
    const delivery = await deliver('reminders', messages, deps, today);
    const owners = planned.reduce((n, p) => n + p.plan.byOwner.size, 0);
    const escalated = planned.reduce((n, p) => n + p.plan.escalations.length, 0);
    log.info({ today, networks: planned.length, owners, escalated, ...delivery }, 'reminders run finished');
    return jobReport(delivery, { today, networks: planned.length, owners, escalated });
  },
};

export default reminders;

/** The planned items again, as the store has them now; only those still needing this message. */
async function recheck(tx: StoreTx, planned: readonly ReminderItem[], settings: ReminderSettings, today: LocalDate, holidays: BankHolidays, keep: (item: ReminderItem) => boolean): Promise<ReminderItem[]> {
  const fresh = await Promise.all(planned.map(async (item) => {
    const action = await tx.action(item.action.id);
    return action && reminderFor(action, settings, today, holidays);
  }));
  return fresh.filter((item): item is ReminderItem => item !== undefined && keep(item));
}

function ownerReminder(network: Network, owner: string, items: ReminderItem[], settings: ReminderSettings, today: LocalDate, holidays: BankHolidays): Outgoing {
  return {
    key: { recipient: owner, subject: network.code, kind: 'reminder', day: today },
    to: { direct: owner },
    network: network.code,
    async compose(tx) {
      const current = await recheck(tx, items, settings, today, holidays, (i) => i.action.owner === owner);
      if (current.length === 0) return undefined;
      return { reply: reminderReply(network, current, settings), actionIds: current.map((i) => i.action.id) };
    },
  };
}

function escalation(network: Network, coChair: string, items: ReminderItem[], settings: ReminderSettings, today: LocalDate, holidays: BankHolidays): Outgoing {
  return {
    key: { recipient: coChair, subject: network.code, kind: 'escalation', day: today },
    to: { direct: coChair },
    network: network.code,
    async compose(tx) {
      const stillCoChair = await tx.network(network.code);
      if (!stillCoChair || !coChairsOf(stillCoChair).includes(coChair)) return undefined;
      const current = await recheck(tx, items, settings, today, holidays, (i) => i.escalate);
      if (current.length === 0) return undefined;
      return { reply: escalationReply(network, current, settings, today), actionIds: current.map((i) => i.action.id) };
    },
  };
}
