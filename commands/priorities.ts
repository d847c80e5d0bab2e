import { z } from 'zod';
import { adoptedFrameworks } from '../src/app/frameworks.ts';
import { prioritiesOf } from '../src/domain/frameworks.ts';
import { formatUkDate } from '../src/domain/local-date.ts';
import { inTransaction } from './format.ts';
import { context, heading, list, reply, type ReplyBlock } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'priorities',
  summary: 'Show the priority frameworks this network answers to, with codes',
  usage: 'priorities [all | <framework code>]',
  details: ['`all` lists every framework the bot knows, adopted or not; a framework code shows just that one.'],
  examples: ['priorities', 'priorities all', 'priorities LGA'],
  args: z.object({ text: z.string() }).transform((i) => ({ which: i.text.trim() })),
  async run({ which }, ctx) {
    const showAll = which !== '';
    const { network, frameworks } = await inTransaction(ctx, (op) => adoptedFrameworks(op, showAll));
    const chosen = which === '' || which.toLowerCase() === 'all' ? frameworks : frameworks.filter((f) => f.code === which.toUpperCase());
    if (chosen.length === 0) {
      return reply({ type: 'error', text: `There is no framework ${which}. Known: ${frameworks.map((f) => f.code).join(', ')}.` });
    }
    const blocks: ReplyBlock[] = [];
    for (const f of chosen) {
      const adopted = network.adoptedFrameworks.includes(f.code) ? 'adopted' : 'not adopted';
      blocks.push(heading(`${f.code}: ${f.title}`));
      blocks.push(context(`${f.owner}; in force ${formatUkDate(f.period.start)} to ${formatUkDate(f.period.end)}; ${adopted} by ${network.name}`));
      let theme: string | undefined;
      const lines: string[] = [];
      for (const p of prioritiesOf(f)) {
        if (p.themeTitle !== theme && p.themeTitle) lines.push(`Theme: ${p.themeTitle}`);
        theme = p.themeTitle;
        lines.push(`${p.parentCode ? '    ' : ''}${p.code} ${p.title}`);
      }
      blocks.push(list(lines));
    }
    if (frameworks.length === 0) blocks.push(context('No frameworks adopted. A co-chair can adopt one with `/psw framework adopt <code>`; `/psw priorities all` lists them.'));
    return reply(...blocks);
  },
});
