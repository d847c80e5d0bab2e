import { noArguments } from './args.ts';
import { showNetwork } from '../src/app/networks.ts';
import { coChairsOf } from '../src/domain/networks.ts';
import { nextMeeting } from '../src/domain/meetings.ts';
import { inTransaction, meetingLabel, mention } from './format.ts';
import { fields, heading, reply } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'network',
  summary: "Show this channel's network: co-chairs, roles, frameworks, meetings",
  usage: 'network',
  examples: ['network'],
  args: noArguments(),
  async run(_args, ctx) {
    const { network, yourRole } = await inTransaction(ctx, (op) => showNetwork(op));
    const others = Object.entries(network.roles).filter(([, r]) => r !== 'co-chair');
    return reply(
      heading(`${network.name} PSW network (${network.code})`),
      fields([
        ['Co-chairs', coChairsOf(network).map(mention).join(', ') || 'none'],
        ['Your role', yourRole],
        ['Other roles', others.map(([u, r]) => `${mention(u)} ${r}`).join(', ') || 'everyone else in a linked channel is a member'],
        ['Frameworks adopted', network.adoptedFrameworks.join(', ') || 'none'],
        ['Next meeting', network.meeting ? meetingLabel(nextMeeting(network.meeting, ctx.now, ctx.timeZone), ctx.timeZone) : 'no schedule set'],
        ['Channels', network.channels.length.toString()],
      ]),
    );
  },
});
