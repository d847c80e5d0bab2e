import { z } from 'zod';
import { COMMAND_PREFIX, resolveCommand, usageLine } from './dispatch.ts';
import { context, heading, list, reply, text, type ReplyBlock } from './reply.ts';
import { defineCommand, type CommandDefinition } from './types.ts';

/** Help is generated from the definitions themselves, so it cannot drift from what the commands accept. */
export function helpCommand(commands: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: 'help',
    summary: 'List the commands, or explain one',
    usage: 'help [command]',
    examples: ['help', 'help action add'],
    args: z.object({ text: z.string() }),
    run({ text: topic }) {
      const all = commands();
      if (topic.trim() === '') {
        return Promise.resolve(reply(
          heading('PSW Network Bot commands'),
          list(all.map((c) => `${usageLine(c)}: ${c.summary}`)),
          context(`\`${COMMAND_PREFIX} help <command>\` explains one, e.g. \`${COMMAND_PREFIX} help action add\`.`),
        ));
      }
      const found = resolveCommand(topic, all);
      if (!found || found.rest !== '') {
        return Promise.resolve(reply({ type: 'error', text: `There is no command "${topic.trim()}". \`${COMMAND_PREFIX} help\` lists them all.` }));
      }
      const c = found.definition;
      const blocks: ReplyBlock[] = [heading(usageLine(c)), text(c.summary)];
      if (c.details) blocks.push(...c.details.map((d) => context(d)));
      blocks.push(text('*Examples*'), list(c.examples.map((e) => `${COMMAND_PREFIX} ${e}`)));
      return Promise.resolve(reply(...blocks));
    },
  });
}
