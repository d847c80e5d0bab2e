import { z } from 'zod';
import { dropFramework } from '../src/app/frameworks.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'framework drop',
  summary: 'Stop answering to a framework (co-chairs); actions keep their links',
  usage: 'framework drop <framework code>',
  examples: ['framework drop CSW2122'],
  args: z.object({ text: requiredText('The framework code') }).transform((i) => ({ code: i.text })),
  async run({ code }, ctx) {
    const { network, framework } = await inTransaction(ctx, (op) => dropFramework(op, code));
    return announce(text(`The ${network.name} network no longer answers to ${framework.code}. Actions linked to its priorities keep those links.`));
  },
});
