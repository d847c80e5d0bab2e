import { noArguments } from './args.ts';
import { previewAgenda } from '../src/app/meetings.ts';
import { agendaBlocks } from './agenda-view.ts';
import { inTransaction } from './format.ts';
import { reply } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'agenda',
  summary: "Preview the next meeting's agenda: standing items, submitted items, actions due, gaps",
  usage: 'agenda',
  examples: ['agenda'],
  args: noArguments('Did you mean `agenda add <item>`? `agenda` alone previews the agenda'),
  async run(_args, ctx) {
    const { network, agenda } = await inTransaction(ctx, (op) => previewAgenda(op));
    return reply(...agendaBlocks(network, agenda, ctx.now, ctx.timeZone));
  },
});
