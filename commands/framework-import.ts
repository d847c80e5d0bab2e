import { z } from 'zod';
import { importFramework } from '../src/app/frameworks.ts';
import { prioritiesOf } from '../src/domain/frameworks.ts';
import { UserError } from '../src/errors.ts';
import { requiredText } from './args.ts';
import { inTransaction } from './format.ts';
import { context, reply, text } from './reply.ts';
import { defineCommand } from './types.ts';

export default defineCommand({
  name: 'framework import',
  summary: 'Import a new priority framework from a YAML or JSON file (co-chairs)',
  usage: 'framework import <path of a .yaml or .json file>',
  details: [
    'The file follows the shape of the shipped ones in data/frameworks/: schema "psw-framework/1", code, title, owner, published, period {start, end}, source, and either themes (each with priorities) or priorities. Codes nest: CSW2425.1, CSW2425.1.2.',
    'Problems are reported with the line and field, and nothing is imported until the whole file is valid. Import it, then `framework adopt <code>`.',
  ],
  examples: ['framework import frameworks/CSW2425.yaml'],
  args: z.object({ text: requiredText('The file path') }).transform((i) => ({ path: i.text })),
  async run({ path }, ctx) {
    if (!ctx.readFile) throw new UserError('conflict', 'Importing from a file is not available here. Run the command in the local shell, next to the file.');
    let content: string;
    try {
      content = await ctx.readFile(path);
    } catch (error) {
      throw new UserError('not-found', `Could not read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`);
    }
    const framework = await inTransaction(ctx, (op) => importFramework(op, path, content));
    return reply(
      text(`Imported ${framework.code}: ${framework.title}, with ${prioritiesOf(framework).length} priorities and sub-items.`),
      context(`Adopt it for this network with \`/psw framework adopt ${framework.code}\`.`),
    );
  },
});
