import { z } from 'zod';
import { setRole } from '../src/app/networks.ts';
import { ROLES } from '../src/domain/networks.ts';
import { inTransaction, mention } from './format.ts';
import { announce, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'network role',
  summary: 'Make someone a co-chair, member or viewer (co-chairs only)',
  usage: 'network role @person <co-chair|member|viewer>',
  details: ['Members add actions and agenda items; viewers only read; co-chairs also manage the workplan, frameworks, meetings and roles. A network always keeps at least one co-chair.'],
  examples: ['network role @U0BBB co-chair', 'network role @U0CCC viewer'],
  args: z.object({
    mentions: z.array(z.string()).length(1, 'Name exactly one person, e.g. @U0BBB'),
    text: z.string().transform((s) => s.trim().toLowerCase().replace(/\s+/g, '-')).pipe(z.enum(ROLES, { message: `Give the role: ${ROLES.join(', ')}` })),
  }).transform((i) => ({ user: i.mentions[0]!, role: i.text })),
  async run({ user, role }, ctx) {
    const network = await inTransaction(ctx, (op) => setRole(op, user, role));
    return announce(text(`${mention(user)} is now a ${role} of the ${network.name} network (changed by ${mention(ctx.userId)}).`));
  },
});
