import { formatUkDate, type LocalDate } from '../../src/domain/local-date.ts';
import type { Network } from '../../src/domain/networks.ts';
import type { ReminderItem, ReminderReason, ReminderSettings } from '../../src/domain/reminders.ts';
import { mention, statusLabel } from '../../commands/format.ts';
import { actionButtons, context, heading, reply, type Reply, type ReplyBlock, text } from '../../commands/reply.ts';
import { capped } from '../shared.ts';

/**
 * Each action takes two blocks (its line and its buttons); Slack allows 50
 * in a message, so a message lists 20 and says how many more there are.
 */
export const ACTIONS_PER_MESSAGE = 20;

const SECTION_TITLE: Record<ReminderReason, string> = { overdue: 'Overdue', 'due-today': 'Due today', 'due-soon': 'Due soon' };

const workingDays = (n: number): string => `${n} working day${n === 1 ? '' : 's'}`;

function whenLine(item: ReminderItem): string {
  const due = formatUkDate(item.action.timescale.due!);
  if (item.reason === 'overdue') return `was due ${due}, ${workingDays(item.workingDaysOverdue)} overdue`;
  if (item.reason === 'due-today') return 'due today';
  return `due ${due}`;
}

function actionBlocks(items: readonly ReminderItem[], line: (item: ReminderItem) => string): ReplyBlock[] {
  return items.flatMap((item) => [text(line(item)), actionButtons(item.action)]);
}

/** One owner's daily reminder: their actions overdue, due today and due soon, each with its buttons. */
export function reminderReply(network: Network, items: readonly ReminderItem[], settings: ReminderSettings): Reply {
  const { shown, more } = capped(items, ACTIONS_PER_MESSAGE);
  const blocks: ReplyBlock[] = [heading(`Your ${network.name} PSW network actions`)];
  for (const reason of ['overdue', 'due-today', 'due-soon'] as const) {
    const section = shown.filter((i) => i.reason === reason);
    if (section.length === 0) continue;
    const total = items.filter((i) => i.reason === reason).length;
    blocks.push(text(`*${SECTION_TITLE[reason]} (${total})*`), ...actionBlocks(section, (i) => `*${i.action.id}* ${i.action.title}: ${whenLine(i)}`));
  }
  if (more > 0) blocks.push(context(`…and ${more} more: \`/psw action list mine\` lists them all.`));
  const from = settings.daysBefore === 0 ? 'from the due date' : `from ${workingDays(settings.daysBefore)} before the due date`;
  blocks.push(context(`Reminders come on working days, ${from}. Mark an action done, snooze it or update it with its buttons, or with \`/psw action done <ID>\` and \`/psw action snooze <ID> 1w\`.`));
  return reply(...blocks);
}

/** The co-chairs' escalation: the network's actions overdue by more than the threshold. */
export function escalationReply(network: Network, items: readonly ReminderItem[], settings: ReminderSettings, today: LocalDate): Reply {
  const { shown, more } = capped(items, ACTIONS_PER_MESSAGE);
  const [count, owners] = items.length === 1 ? ['1 action is', 'Its owner is'] : [`${items.length} actions are`, 'Their owners are'];
  return reply(
    heading(`${network.name}: actions overdue by more than ${workingDays(settings.escalateAfter)}`),
    text(`As of ${formatUkDate(today)}, ${count} more than ${workingDays(settings.escalateAfter)} past the due date. ${owners} reminded each working day.`),
    ...actionBlocks(shown, (i) => `*${i.action.id}* ${i.action.title} (${mention(i.action.owner)}, ${whenLine(i)}, ${statusLabel(i.action)})`),
    ...(more > 0 ? [context(`…and ${more} more: \`/psw action list\` lists them all.`)] : []),
    context('You are told because you co-chair the network. `/psw reminders` shows when this happens.'),
  );
}
