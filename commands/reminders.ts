import { z } from 'zod';
import { showReminderSettings } from '../src/app/reminders.ts';
import { inTransaction } from './format.ts';
import { context, reply } from './reply.ts';
import { describeReminderSettings } from './reminders-view.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'reminders',
  summary: "Show when this network's reminders and escalations go out",
  usage: 'reminders',
  examples: ['reminders'],
  args: z.object({ text: z.literal('', { message: 'Did you mean `reminders set ...`? `reminders` alone shows the settings' }) }),
  async run(_args, ctx) {
    const network = await inTransaction(ctx, (op) => showReminderSettings(op));
    return reply(
      ...describeReminderSettings(network, ctx),
      context('Co-chairs change these with `/psw reminders set days-before:3 escalate-after:5 time:09:00`. Owners can hold reminders back with `/psw action snooze`.'),
    );
  },
});
