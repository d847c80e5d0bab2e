import { z } from 'zod';
import { recordDecision } from '../src/app/meetings.ts';
import { formatUkDate } from '../src/domain/local-date.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'decision',
  summary: "Record a decision in the minutes of today's (or the latest) meeting (co-chairs)",
  usage: 'decision <what was decided>',
  examples: ['decision Adopt the LGA Health Check as a standing workplan item'],
  args: z.object({ text: requiredText('The decision') }),
  async run({ text: body }, ctx) {
    const { decision } = await inTransaction(ctx, (op) => recordDecision(op, body));
    return announce(text(`Decision ${decision.id} recorded for the meeting of ${formatUkDate(decision.meetingDate)}: ${decision.text}`));
  },
});
