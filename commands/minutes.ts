import { noArguments } from './args.ts';
import { minutesOfLatestMeeting } from '../src/app/meetings.ts';
import { actionLine, inTransaction, meetingLabel, mention } from './format.ts';
import { context, heading, list, reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'minutes',
  summary: 'Show the minutes of the latest meeting: decisions and new actions',
  usage: 'minutes',
  examples: ['minutes'],
  args: noArguments(),
  async run(_args, ctx) {
    const { network, minutes } = await inTransaction(ctx, (op) => minutesOfLatestMeeting(op));
    return reply(
      heading(`${network.name} PSW network: minutes of ${meetingLabel(minutes.meeting, ctx.timeZone)}`),
      text('*Decisions*'),
      minutes.decisions.length > 0 ? list(minutes.decisions.map((d) => `${d.id}. ${d.text} (${mention(d.recordedBy)})`)) : context('None recorded. Co-chairs record them with `/psw decision <text>`.'),
      text('*New actions*'),
      minutes.newActions.length > 0 ? list(minutes.newActions.map((a) => actionLine(a, ctx.now, ctx.timeZone))) : context('None.'),
    );
  },
});
