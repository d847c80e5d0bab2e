import type { ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { RAG_LABEL, STATUS_LABEL, dueLabel, ragLabel } from '../../../commands/format.ts';
import type { ActionUpdateInput } from '../../app/actions.ts';
import { ACTION_STATUSES, RAGS, type Action, type Rag } from '../../domain/actions.ts';
import { VIEW } from '../interaction-ids.ts';
import { escapeMrkdwn } from '../render-blocks.ts';
import { TIMESCALE_EXAMPLES, timescaleProblem } from './add-action-modal.ts';
import { input, plain } from './blocks.ts';
import { TEXT_MAX, type FormResult, type FormValues } from './form-values.ts';

export const UPDATE_FIELDS = {
  status: 'status',
  rag: 'rag',
  reason: 'rag_reason',
  timescale: 'timescale',
  note: 'note',
} as const;

/** The RAG choice that clears a set rating, so RAG is worked out from the due date again. */
const AUTO = 'auto' as const;

const statusOption = (status: Action['status']): PlainTextOption => ({ text: plain(STATUS_LABEL[status]), value: status });
const ragOption = (rag: Rag | typeof AUTO): PlainTextOption => ({ text: plain(rag === AUTO ? 'Worked out from the due date' : RAG_LABEL[rag]), value: rag });

/** The form behind an action's Update button, filled with its current values. */
export function updateActionModal(args: { action: Action; channelId: string; now: Date; timeZone: string; fromHome?: boolean; notice?: string }): ModalView {
  const { action } = args;
  const rag = action.ragOverride?.rag ?? AUTO;
  return {
    type: 'modal',
    callback_id: VIEW.updateAction,
    title: plain(`Update ${action.id}`),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ c: args.channelId, id: action.id, v: action.updatedAt, ...(args.fromHome && { h: true }) }),
    blocks: [
      ...(args.notice ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: args.notice }] }] : []),
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${action.id}* ${escapeMrkdwn(action.title)}\nOwner <@${action.owner}> · due ${dueLabel(action)} · RAG now ${ragLabel(action, args.now, args.timeZone)}`,
        },
      },
      input(UPDATE_FIELDS.status, 'Status', { type: 'static_select', action_id: UPDATE_FIELDS.status, options: ACTION_STATUSES.map(statusOption), initial_option: statusOption(action.status) }),
      input(UPDATE_FIELDS.rag, 'RAG', { type: 'static_select', action_id: UPDATE_FIELDS.rag, options: [AUTO, ...RAGS].map(ragOption), initial_option: ragOption(rag) }, {
        hint: 'Set Red, Amber or Green only with a reason; "Worked out from the due date" clears a set rating.',
      }),
      input(UPDATE_FIELDS.reason, 'Reason for the RAG rating', {
        type: 'plain_text_input', action_id: UPDATE_FIELDS.reason, max_length: TEXT_MAX, ...(action.ragOverride && { initial_value: action.ragOverride.reason }),
      }, { optional: true }),
      input(UPDATE_FIELDS.timescale, 'Timescale', { type: 'plain_text_input', action_id: UPDATE_FIELDS.timescale, max_length: 200, initial_value: action.timescale.phrase }, {
        hint: `For example ${TIMESCALE_EXAMPLES}.`,
      }),
      input(UPDATE_FIELDS.note, 'Progress note', { type: 'plain_text_input', action_id: UPDATE_FIELDS.note, multiline: true, max_length: TEXT_MAX }, { optional: true, hint: 'Kept in the action\'s history with your name and the time.' }),
    ],
  };
}

/** The values a form showed when it opened: what the person saw, and so what they meant to change. */
export interface UpdateBaseline {
  status: string | undefined;
  rag: string | undefined;
  reason: string;
  timescale: string;
}

export function baselineOf(action: Action): UpdateBaseline {
  return { status: action.status, rag: action.ragOverride?.rag ?? AUTO, reason: action.ragOverride?.reason ?? '', timescale: action.timescale.phrase };
}

const openedBlocksSchema = z.array(z.object({
  block_id: z.string().optional(),
  element: z.object({ initial_option: z.object({ value: z.string() }).optional(), initial_value: z.string().optional() }).optional(),
}).loose());

/**
 * Reads the baseline back from the submitted view, which Slack returns as it
 * was built; undefined when the blocks are not as this builder makes them.
 */
export function baselineFromView(blocks: unknown): UpdateBaseline | undefined {
  const parsed = openedBlocksSchema.safeParse(blocks);
  if (!parsed.success) return undefined;
  const byId = new Map(parsed.data.map((b) => [b.block_id, b.element]));
  const status = byId.get(UPDATE_FIELDS.status)?.initial_option?.value;
  const rag = byId.get(UPDATE_FIELDS.rag)?.initial_option?.value;
  const timescale = byId.get(UPDATE_FIELDS.timescale)?.initial_value;
  if (status === undefined || rag === undefined || timescale === undefined) return undefined;
  return { status, rag, reason: byId.get(UPDATE_FIELDS.reason)?.initial_value ?? '', timescale };
}

/**
 * Turns the submitted form into an update of the fields the person changed
 * from what the form showed (the baseline), applied to the action as it is
 * now: a change someone else made while the form was open is kept unless
 * this person changed the same field. Problems show against their field. A
 * form that would change nothing and has no note is refused.
 */
export function readUpdateActionForm(values: FormValues, baseline: UpdateBaseline, current: Action, now: Date, timeZone: string): FormResult<ActionUpdateInput> {
  const errors: Record<string, string> = {};
  const status = ACTION_STATUSES.find((s) => s === values.selected(UPDATE_FIELDS.status));
  const ragChoice = values.selected(UPDATE_FIELDS.rag);
  const rag = RAGS.find((r) => r === ragChoice);
  const reason = values.text(UPDATE_FIELDS.reason);
  const phrase = values.text(UPDATE_FIELDS.timescale);
  const note = values.text(UPDATE_FIELDS.note);

  if (status === undefined) errors[UPDATE_FIELDS.status] = 'Choose a status.';
  if (rag === undefined && ragChoice !== AUTO) errors[UPDATE_FIELDS.rag] = 'Choose a RAG rating, or "Worked out from the due date".';
  if (rag !== undefined && reason === '') errors[UPDATE_FIELDS.reason] = `Say why ${current.id} is ${RAG_LABEL[rag]}: a set rating needs a reason.`;
  if (reason.length > TEXT_MAX) errors[UPDATE_FIELDS.reason] = `Keep the reason to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  const timescale = timescaleProblem(phrase, now, timeZone);
  if (timescale) errors[UPDATE_FIELDS.timescale] = timescale;
  if (note.length > TEXT_MAX) errors[UPDATE_FIELDS.note] = `Keep the note to ${TEXT_MAX.toLocaleString('en-GB')} characters.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const update: ActionUpdateInput = {};
  if (status !== undefined && status !== baseline.status && status !== current.status) update.status = status;
  const ragTouched = ragChoice !== baseline.rag || (rag !== undefined && reason !== baseline.reason);
  const override = current.ragOverride;
  if (ragTouched && rag !== undefined && (override?.rag !== rag || override.reason !== reason)) update.rag = { rag, reason };
  if (ragTouched && rag === undefined && override) update.rag = null;
  if (phrase !== baseline.timescale && phrase !== current.timescale.phrase) update.timescalePhrase = phrase;
  if (note !== '') update.note = note;
  if (Object.keys(update).length === 0) return { ok: false, errors: { [UPDATE_FIELDS.note]: `Nothing would change: ${current.id} already has these values. Change a field above or add a progress note.` } };
  return { ok: true, value: update };
}
