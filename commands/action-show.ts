import { z } from 'zod';
import { showAction } from '../src/app/actions.ts';
import { isLive, ragOf } from '../src/domain/actions.ts';
import { requiredText } from './args.ts';
import { dueLabel, inTransaction, mention, ragLabel, statusLabel, timestampLabel } from './format.ts';
import { actionButtons, fields, heading, list, reply } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'action show',
  summary: 'Show every field of an action and its full history',
  usage: 'action show <ID>',
  examples: ['action show SW-1'],
  args: z.object({ text: requiredText('The action ID') }).transform((i) => ({ id: i.text })),
  async run({ id }, ctx) {
    const action = await inTransaction(ctx, (op) => showAction(op, id));
    const rag = ragOf(action, ctx.now, ctx.timeZone);
    return reply(
      heading(`${action.id}: ${action.title}`),
      fields([
        ['Owner', mention(action.owner)],
        ['Status', statusLabel(action)],
        ['Timescale', action.timescale.phrase],
        ['Due', dueLabel(action)],
        ['RAG', `${ragLabel(action, ctx.now, ctx.timeZone)} (${rag.basis})`],
        ['Priorities', action.priorities.join(', ')],
        ['Resources', action.resources || '—'],
        ['Drivers/comments', action.comments || '—'],
        ['Added', `${timestampLabel(action.createdAt, ctx.timeZone)} by ${mention(action.createdBy)}`],
      ]),
      ...(isLive(action.status) ? [actionButtons(action)] : []),
      heading('History'),
      list(action.history.map((h) => {
        const what = h.kind === 'created' ? 'created' : h.changes.map((c) => `${c.field} ${c.from || '—'} → ${c.to || '—'}`).join('; ');
        return `${timestampLabel(h.at, ctx.timeZone)} ${mention(h.by)}: ${what || 'note'}${h.note ? ` — "${h.note}"` : ''}`;
      })),
    );
  },
});
