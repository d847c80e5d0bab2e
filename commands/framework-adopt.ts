import { z } from 'zod';
import { adoptFramework } from '../src/app/frameworks.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'framework adopt',
  summary: 'Adopt a priority framework, so the workplan and coverage answer to it (co-chairs)',
  usage: 'framework adopt <framework code>',
  examples: ['framework adopt LGA'],
  args: z.object({ text: requiredText('The framework code') }).transform((i) => ({ code: i.text })),
  async run({ code }, ctx) {
    const { network, framework } = await inTransaction(ctx, (op) => adoptFramework(op, code));
    return announce(text(`The ${network.name} network now answers to ${framework.code}: ${framework.title}. \`/psw coverage\` shows which of its priorities have work.`));
  },
});
