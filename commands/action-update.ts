import { z } from 'zod';
import { changeAction, type ActionUpdateInput } from '../src/app/actions.ts';
import { priorityCodes, ragSchema, single, statusSchema } from './args.ts';
import { inTransaction } from './format.ts';
import type { Action } from '../src/domain/actions.ts';
import { context, list, reply, text, type Reply } from './reply.ts';
import { defineCommand } from './types.ts';

const KEYS = ['status', 'rag', 'reason', 'note', 'due', 'timescale', 'title', 'priority', 'priorities', 'resources', 'comments'] as const;

export default defineCommand({
  name: 'action update',
  summary: 'Change an action: status, RAG, timescale, owner, note... (owner or co-chair)',
  usage: 'action update <ID> [status:<status>] [rag:<red|amber|green|auto> reason:"..."] [due:"<timescale>"] [@new-owner] [title:"..."] [priority:<codes>] [resources:"..."] [comments:"..."] [note:"..."]',
  details: [
    'Statuses: open, in-progress, blocked, done, dropped. RAG is worked out from the due date unless you set it; setting it needs a reason, and rag:auto goes back to the worked-out value.',
    'Every change is kept in the action\'s history with who, when and your note.',
  ],
  examples: ['action update SW-1 status:in-progress note:"Head of Safeguarding consulted"', 'action update SW-1 rag:amber reason:"Waiting on audit data"', 'action update SW-1 due:"Autumn 2027" @U0BBB'],
  optionKeys: KEYS,
  args: z.object({
    text: z.string().trim().min(1, 'The action ID is missing').refine((s) => !/\s/.test(s), 'Give the action ID, then changes as key:value (e.g. status:done); quote values with spaces'),
    mentions: z.array(z.string()).max(1, 'Name at most one new owner'),
    options: z.record(z.string(), z.array(z.string())),
  }).transform((i, ctx) => {
    const o = i.options;
    const status = single(o, 'status');
    const rag = single(o, 'rag');
    const reason = single(o, 'reason');
    const due = single(o, 'due') ?? single(o, 'timescale');
    const priorities = o.priority || o.priorities ? priorityCodes([...(o.priority ?? []), ...(o.priorities ?? [])]) : undefined;
    const parsedStatus = status === undefined ? undefined : statusSchema.safeParse(status);
    const parsedRag = rag === undefined ? undefined : ragSchema.safeParse(rag);
    if (parsedStatus && !parsedStatus.success) ctx.addIssue({ code: 'custom', message: parsedStatus.error.issues[0]!.message });
    if (parsedRag && !parsedRag.success) ctx.addIssue({ code: 'custom', message: parsedRag.error.issues[0]!.message });
    if (parsedRag?.data && parsedRag.data !== 'auto' && !reason?.trim()) ctx.addIssue({ code: 'custom', message: 'Setting RAG needs a reason: add reason:"..."' });
    const update: ActionUpdateInput = {
      ...(parsedStatus?.data && { status: parsedStatus.data }),
      ...(parsedRag?.data && { rag: parsedRag.data === 'auto' ? null : { rag: parsedRag.data, reason: reason?.trim() ?? '' } }),
      ...(due !== undefined && { timescalePhrase: due }),
      ...(i.mentions[0] !== undefined && { owner: i.mentions[0] }),
      ...(single(o, 'title') !== undefined && { title: single(o, 'title')!.trim() }),
      ...(priorities && { priorities }),
      ...(single(o, 'resources') !== undefined && { resources: single(o, 'resources')! }),
      ...(single(o, 'comments') !== undefined && { comments: single(o, 'comments')! }),
      ...(single(o, 'note')?.trim() && { note: single(o, 'note')!.trim() }),
    };
    if (Object.keys(update).length === 0) ctx.addIssue({ code: 'custom', message: 'Say what to change, e.g. status:in-progress or note:"..."' });
    if (update.title === '') ctx.addIssue({ code: 'custom', message: 'The title cannot be empty' });
    return { id: i.text, update };
  }),
  async run({ id, update }, ctx) {
    const { after } = await inTransaction(ctx, (op) => changeAction(op, id, update));
    return updatedActionReply(after);
  },
});

/** What changed in an action's latest update, for the person who made it (command or form). */
export function updatedActionReply(after: Action): Reply {
  const entry = after.history.at(-1)!;
  return reply(
    text(`Updated *${after.id}*: ${after.title}`),
    list(entry.changes.map((c) => `${c.field}: ${c.from || '—'} → ${c.to || '—'}`)),
    ...(entry.note ? [context(`Note: ${entry.note}`)] : []),
  );
}
