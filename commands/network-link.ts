import { z } from 'zod';
import { linkChannel } from '../src/app/networks.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { announce, context, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'network link',
  summary: 'Link this channel to your regional PSW network',
  usage: 'network link <region>',
  details: [
    'Regions are the nine ADASS regions: East Midlands, Eastern, London, North East, North West, South East, South West, West Midlands, Yorkshire and the Humber (or their codes: EM, EE, LDN, NE, NW, SE, SW, WM, YH).',
    'The first person to link a network becomes its co-chair. After that, only co-chairs can link more channels.',
  ],
  examples: ['network link South West'],
  args: z.object({ text: requiredText('The region') }).transform((i) => ({ region: i.text })),
  async run({ region }, ctx) {
    const { network, founded } = await inTransaction(ctx, (op) => linkChannel(op, region));
    return announce(
      text(`This channel is now linked to the *${network.name}* PSW network (${network.code}). Its actions are numbered ${network.code}-1, ${network.code}-2 and so on.`),
      context(founded
        ? `You set the network up, so you are its co-chair. It answers to ${network.adoptedFrameworks.join(' and ')}; see \`/psw priorities\`.`
        : 'The network already existed; its members, actions and workplan are shared with this channel.'),
    );
  },
});
