import { z } from 'zod';
import { addAgendaItem } from '../src/app/meetings.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'agenda add',
  summary: 'Submit an item for the next meeting\'s agenda',
  usage: 'agenda add <item>',
  examples: ['agenda add Feedback from national PSW Chairs meeting'],
  args: z.object({ text: requiredText('The agenda item') }),
  async run({ text: item }, ctx) {
    const { id } = await inTransaction(ctx, (op) => addAgendaItem(op, item));
    return reply(text(`Added to the next agenda as item ${id}: ${item}`));
  },
});
