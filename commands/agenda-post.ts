import { noArguments } from './args.ts';
import { postAgenda } from '../src/app/meetings.ts';
import { agendaBlocks } from './agenda-view.ts';
import { inTransaction } from './format.ts';
import { announce } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'agenda post',
  summary: 'Post the agenda to the channel (co-chairs)',
  usage: 'agenda post',
  examples: ['agenda post'],
  args: noArguments(),
  async run(_args, ctx) {
    const { network, agenda } = await inTransaction(ctx, (op) => postAgenda(op));
    return announce(...agendaBlocks(network, agenda, ctx.now, ctx.timeZone));
  },
});
