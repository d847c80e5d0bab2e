import { noArguments } from './args.ts';
import { showNetwork } from '../src/app/networks.ts';
import { nextMeeting } from '../src/domain/meetings.ts';
import { WEEKDAY_NAMES } from '../src/domain/local-date.ts';
import { frequencyLabel, inTransaction, meetingLabel } from './format.ts';
import { reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'meeting',
  summary: 'Show when the network next meets',
  usage: 'meeting',
  examples: ['meeting'],
  args: noArguments('Did you mean `meeting set ...`? `meeting` alone shows the next meeting'),
  async run(_args, ctx) {
    const { network } = await inTransaction(ctx, (op) => showNetwork(op));
    if (!network.meeting) return reply(text('No meeting schedule is set. A co-chair can set one with `/psw meeting set fortnightly Thursday 10:00`.'));
    const s = network.meeting;
    return reply(text(`The ${network.name} network meets ${frequencyLabel(s.intervalWeeks)} on ${WEEKDAY_NAMES[s.weekday]}. Next meeting: ${meetingLabel(nextMeeting(s, ctx.now, ctx.timeZone), ctx.timeZone)}.`));
  },
});
