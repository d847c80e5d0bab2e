import { z } from 'zod';
import { setActionStatus } from '../src/app/actions.ts';
import type { Action, ActionStatus } from '../src/domain/actions.ts';
import { requiredText, single } from './args.ts';
import { inTransaction, mention } from './format.ts';
import { announce, context, text, type Reply } from './reply.ts';
import { defineCommand, type CommandDefinition } from './types.ts';

/** `action done` and `action drop` differ only in the status they set and their wording. */
export function statusCommand(spec: { name: string; status: ActionStatus; summary: string; verb: string; example: string }): CommandDefinition {
  return defineCommand({
    name: spec.name,
    summary: spec.summary,
    usage: `${spec.name} <ID> [note:"..."]`,
    examples: [spec.example],
    optionKeys: ['note'],
    args: z.object({
      text: requiredText('The action ID').refine((s) => !/\s/.test(s), 'Give just the action ID; put any note in note:"..."'),
      options: z.record(z.string(), z.array(z.string())),
    }).transform((i) => ({ id: i.text, note: single(i.options, 'note')?.trim() || undefined })),
    async run({ id, note }, ctx) {
      const { after } = await inTransaction(ctx, (op) => setActionStatus(op, id, spec.status, note));
      return statusAnnouncement(after, spec.verb, ctx.userId, note);
    },
  });
}

/** "*SW-2* marked done by @x: title", announced in the channel however the status was set. */
export function statusAnnouncement(after: Action, verb: string, by: string, note: string | undefined): Reply {
  return announce(
    text(`*${after.id}* ${verb} by ${mention(by)}: ${after.title}`),
    ...(note ? [context(`Note: ${note}`)] : []),
  );
}
