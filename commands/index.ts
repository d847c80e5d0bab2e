import actionAdd from './action-add.ts';
import actionDone from './action-done.ts';
import actionDrop from './action-drop.ts';
import actionList from './action-list.ts';
import actionShow from './action-show.ts';
import actionSnooze from './action-snooze.ts';
import actionUpdate from './action-update.ts';
import agenda from './agenda.ts';
import agendaAdd from './agenda-add.ts';
import agendaPost from './agenda-post.ts';
import agendaRemove from './agenda-remove.ts';
import coverage from './coverage.ts';
import decision from './decision.ts';
import frameworkAdopt from './framework-adopt.ts';
import frameworkDrop from './framework-drop.ts';
import frameworkImport from './framework-import.ts';
import { helpCommand } from './help.ts';
import meeting from './meeting.ts';
import meetingSet from './meeting-set.ts';
import minutes from './minutes.ts';
import network from './network.ts';
import networkLink from './network-link.ts';
import networkRole from './network-role.ts';
import priorities from './priorities.ts';
import reminders from './reminders.ts';
import remindersSet from './reminders-set.ts';
import sync from './sync.ts';
import syncSheet from './sync-sheet.ts';
import workplan from './workplan.ts';
import workplanAdd from './workplan-add.ts';
import type { CommandDefinition } from './types.ts';

/** Every /psw command, in the order help lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  helpCommand(() => COMMANDS),
  networkLink, network, networkRole,
  priorities, frameworkAdopt, frameworkDrop, frameworkImport,
  actionAdd, actionList, actionShow, actionUpdate, actionDone, actionDrop, actionSnooze, reminders, remindersSet,
  workplanAdd, workplan, coverage,
  meetingSet, meeting, agendaAdd, agendaRemove, agenda, agendaPost, decision, minutes,
  sync, syncSheet,
];
