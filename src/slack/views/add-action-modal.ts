import type { ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import type { AddActionInput } from '../../app/actions.ts';
import { prioritiesOf, type Framework } from '../../domain/frameworks.ts';
import type { Network } from '../../domain/networks.ts';
import { parseTimescale } from '../../domain/timescale.ts';
import { VIEW } from '../interaction-ids.ts';
import { escapeMrkdwn } from '../render-blocks.ts';
import { clip, input, plain } from './blocks.ts';
import { TEXT_MAX, type FormResult, type FormValues } from './form-values.ts';

/** Block (and action) IDs of the Add action form; validation errors are keyed by these. */
export const ADD_FIELDS = {
  title: 'title',
  owner: 'owner',
  timescale: 'timescale',
  priorities: 'priorities',
  resources: 'resources',
  comments: 'comments',
} as const;

/** Slack lists at most 100 options in one select menu, whatever their grouping. */
export const MAX_SELECT_OPTIONS = 100;

export const TIMESCALE_EXAMPLES = '"Autumn 2027", "May-July 2027", "30/09/2027", "in 2 weeks" or "Ongoing"';

/**
 * The priorities an action can answer, grouped by framework. When the
 * adopted frameworks hold more than Slack can list, sub-items go first,
 * then whole priorities from the last frameworks; `omitted` counts them.
 */
export interface PriorityGroup {
  label: PlainTextElement;
  options: PlainTextOption[];
}

export function priorityOptionGroups(frameworks: readonly Framework[]): { groups: PriorityGroup[]; omitted: number } {
  const all = frameworks.map((f) => ({ framework: f, refs: prioritiesOf(f) }));
  const total = all.reduce((n, g) => n + g.refs.length, 0);
  const withoutSubItems = all.map((g) => ({ ...g, refs: g.refs.filter((r) => r.parentCode === undefined) }));
  let chosen = total > MAX_SELECT_OPTIONS ? withoutSubItems : all;
  let room = MAX_SELECT_OPTIONS;
  chosen = chosen.map((g) => {
    const refs = g.refs.slice(0, Math.max(0, room));
    room -= refs.length;
    return { ...g, refs };
  }).filter((g) => g.refs.length > 0);
  const listed = chosen.reduce((n, g) => n + g.refs.length, 0);
  return {
    groups: chosen.map((g) => ({
      label: plain(clip(`${g.framework.code}: ${g.framework.title}`)),
      options: g.refs.map((r) => ({ text: plain(clip(`${r.code} ${r.title}`)), value: r.code })),
    })),
    omitted: total - listed,
  };
}

export function addActionModal(args: { network: Network; frameworks: readonly Framework[]; requesterId: string; channelId: string }): ModalView {
  const { groups, omitted } = priorityOptionGroups(args.frameworks);
  const prioritiesHint = omitted > 0
    ? `${omitted} sub-items or priorities are not listed here (Slack shows at most ${MAX_SELECT_OPTIONS}). To link one, add the action with /psw action add … priority:<code>.`
    : 'Codes from /psw priorities. Pick every one the action answers.';
  return {
    type: 'modal',
    callback_id: VIEW.addAction,
    title: plain('Add an action'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ c: args.channelId }),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `For the *${escapeMrkdwn(args.network.name)}* PSW network. It is announced in the channel once saved.` }] },
      input(ADD_FIELDS.title, 'Action', { type: 'plain_text_input', action_id: ADD_FIELDS.title, max_length: TEXT_MAX, placeholder: plain('e.g. Audit s42 safeguarding practice') }),
      input(ADD_FIELDS.owner, 'Owner', { type: 'users_select', action_id: ADD_FIELDS.owner, initial_user: args.requesterId }),
      input(ADD_FIELDS.timescale, 'Timescale', { type: 'plain_text_input', action_id: ADD_FIELDS.timescale, max_length: 200, placeholder: plain('e.g. Autumn 2027') }, {
        hint: `Kept exactly as you write it; a due date is worked out from it. For example ${TIMESCALE_EXAMPLES}.`,
      }),
      input(ADD_FIELDS.priorities, 'Priorities', { type: 'multi_static_select', action_id: ADD_FIELDS.priorities, placeholder: plain('Choose priorities'), option_groups: groups }, { hint: prioritiesHint }),
      input(ADD_FIELDS.resources, 'Resources required', { type: 'plain_text_input', action_id: ADD_FIELDS.resources, max_length: TEXT_MAX }, { optional: true }),
      input(ADD_FIELDS.comments, 'Drivers/comments', { type: 'plain_text_input', action_id: ADD_FIELDS.comments, multiline: true, max_length: TEXT_MAX }, { optional: true }),
    ],
  };
}

/**
 * Checks the form field by field, so every problem shows at once against
 * its own field. The use case checks again (permissions, priorities still
 * adopted) when it saves.
 */
export function readAddActionForm(values: FormValues, now: Date, timeZone: string): FormResult<AddActionInput> {
  const errors: Record<string, string> = {};
  const title = values.text(ADD_FIELDS.title);
  const owner = values.user(ADD_FIELDS.owner);
  const phrase = values.text(ADD_FIELDS.timescale);
  const priorities = values.selectedMany(ADD_FIELDS.priorities);
  const resources = values.text(ADD_FIELDS.resources);
  const comments = values.text(ADD_FIELDS.comments);
  if (title === '') errors[ADD_FIELDS.title] = 'Say what the action is.';
  if (title.length > TEXT_MAX) errors[ADD_FIELDS.title] = `Keep the action to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  if (owner === undefined) errors[ADD_FIELDS.owner] = 'Choose who owns the action.';
  const timescale = timescaleProblem(phrase, now, timeZone);
  if (timescale) errors[ADD_FIELDS.timescale] = timescale;
  if (priorities.length === 0) errors[ADD_FIELDS.priorities] = 'Choose at least one priority the action answers.';
  if (resources.length > TEXT_MAX) errors[ADD_FIELDS.resources] = `Keep this to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  if (comments.length > TEXT_MAX) errors[ADD_FIELDS.comments] = `Keep this to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  if (Object.keys(errors).length > 0 || owner === undefined) return { ok: false, errors };
  return { ok: true, value: { title, owner, timescalePhrase: phrase, priorities, resources, comments } };
}

/** A short reason a timescale cannot be used, fit to show under the field; undefined when it is fine. */
export function timescaleProblem(phrase: string, now: Date, timeZone: string): string | undefined {
  if (phrase === '') return `Give a timescale, for example ${TIMESCALE_EXAMPLES}.`;
  const result = parseTimescale(phrase, now, timeZone);
  return result.ok ? undefined : `${result.reason} Try, for example, ${TIMESCALE_EXAMPLES}.`;
}
