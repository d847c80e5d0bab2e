import { z } from 'zod';
import { removeAgendaItem } from '../src/app/meetings.ts';
import { inTransaction } from './format.ts';
import { reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'agenda remove',
  summary: 'Withdraw a submitted agenda item (whoever submitted it, or a co-chair)',
  usage: 'agenda remove <item number>',
  examples: ['agenda remove 2'],
  args: z.object({ text: z.string().trim().regex(/^\d+$/, 'Give the item number shown by `/psw agenda`').transform(Number) }),
  async run({ text: id }, ctx) {
    await inTransaction(ctx, (op) => removeAgendaItem(op, id));
    return reply(text(`Agenda item ${id} withdrawn.`));
  },
});
