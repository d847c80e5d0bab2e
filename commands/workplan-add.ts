import { z } from 'zod';
import { addWorkplanItem } from '../src/app/workplan.ts';
import { priorityCodes, requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, text } from './reply.ts';
import { defineCommand } from './types.ts';

/** Leading words shaped like priority codes (CSW2122.4, PSW2123.1.3) are taken as the item's priorities. */
const CODE = /^[A-Za-z][A-Za-z0-9]*(\.\d+)+,?$/;

export default defineCommand({
  name: 'workplan add',
  summary: "Add an item to the network's workplan, mapped to one or more priorities (co-chairs)",
  usage: 'workplan add <priority code>[,<code>...] <item title>',
  examples: ['workplan add CSW2122.4 Publish the regional PSW action plan', 'workplan add PSW2123.1.3, LGA.4 Regional safeguarding practice forum'],
  optionKeys: ['priority', 'priorities'],
  args: z.object({ text: z.string(), options: z.record(z.string(), z.array(z.string())) }).transform((i, ctx) => {
    const words = i.text.split(/\s+/);
    const leading: string[] = [];
    while (words.length > 0 && CODE.test(words[0]!)) leading.push(words.shift()!);
    const priorities = priorityCodes([...leading, ...(i.options.priority ?? []), ...(i.options.priorities ?? [])]);
    if (priorities.length === 0) ctx.addIssue({ code: 'custom', message: 'Start with the priority code the item answers, e.g. CSW2122.4' });
    const title = requiredText('The workplan item title').safeParse(i.text.slice(leading.join(' ').length));
    if (!title.success) ctx.addIssue({ code: 'custom', message: title.error.issues[0]!.message });
    return { priorities, title: title.data ?? '' };
  }),
  async run({ priorities, title }, ctx) {
    const item = await inTransaction(ctx, (op) => addWorkplanItem(op, priorities, title));
    return announce(text(`Workplan item *${item.id}* added under ${item.priorities.join(', ')}: ${item.title}`));
  },
});
