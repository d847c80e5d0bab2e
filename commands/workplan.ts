import { noArguments } from './args.ts';
import { showWorkplan } from '../src/app/workplan.ts';
import { inTransaction } from './format.ts';
import { context, heading, list, reply, type ReplyBlock } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'workplan',
  summary: "Show the network's workplan, grouped by the priorities it answers",
  usage: 'workplan',
  examples: ['workplan'],
  args: noArguments('This command takes no words after it; use `workplan add` to add an item'),
  async run(_args, ctx) {
    const { network, items, catalogue } = await inTransaction(ctx, (op) => showWorkplan(op));
    if (items.length === 0) {
      return reply(heading(`${network.name} workplan`), context('No items yet. A co-chair can add one with `/psw workplan add <priority code> <title>`.'));
    }
    const byPriority = new Map<string, string[]>();
    for (const item of items) {
      for (const code of item.priorities) {
        const lines = byPriority.get(code) ?? [];
        lines.push(`${item.id} ${item.title}`);
        byPriority.set(code, lines);
      }
    }
    const blocks: ReplyBlock[] = [heading(`${network.name} workplan (${items.length} ${items.length === 1 ? "item" : "items"})`)];
    for (const code of [...byPriority.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
      const title = catalogue.priority(code)?.title ?? 'priority no longer known';
      blocks.push({ type: 'text', text: `*${code}* ${title}` }, list(byPriority.get(code)!));
    }
    return reply(...blocks);
  },
});
