import { UserError } from '../src/errors.ts';
import type { z } from 'zod';
import { parseCommandText } from './parse-text.ts';
import { reply, type Reply } from './reply.ts';
import type { CommandContext, CommandDefinition } from './types.ts';

export const COMMAND_PREFIX = '/psw';

/** `/psw action add ...` → the definition named "action add" and the text after it. Longest name wins. */
export function resolveCommand(line: string, commands: readonly CommandDefinition[]): { definition: CommandDefinition; rest: string } | undefined {
  const body = stripPrefix(line);
  const lower = body.toLowerCase();
  const byLength = [...commands].sort((a, b) => b.name.length - a.name.length);
  for (const definition of byLength) {
    if (lower === definition.name || lower.startsWith(`${definition.name} `) || lower.startsWith(`${definition.name}\n`)) {
      return { definition, rest: body.slice(definition.name.length).trim() };
    }
  }
  return undefined;
}

export function stripPrefix(line: string): string {
  const trimmed = line.trim();
  return (trimmed.toLowerCase().startsWith(COMMAND_PREFIX) ? trimmed.slice(COMMAND_PREFIX.length) : trimmed).trim().replace(/^(\S+)\s+(\S+)/, '$1 $2');
}

export function usageLine(definition: CommandDefinition): string {
  return `${COMMAND_PREFIX} ${definition.usage}`;
}

/**
 * The one place where a command line becomes a reply. Every refusal names
 * what was wrong and shows the command's usage; anything unexpected is logged
 * with the command's name (never its text, which may name people) and the
 * person is told nothing was saved, which the store's transactions guarantee.
 */
export async function runCommand(line: string, ctx: CommandContext, commands: readonly CommandDefinition[]): Promise<Reply> {
  const resolved = resolveCommand(line, commands);
  const log = ctx.log.child({ command: resolved?.definition.name ?? 'unknown' });
  if (!resolved) {
    const words = stripPrefix(line).split(/\s+/).slice(0, 2).join(' ');
    log.info({ code: 'unknown-command' }, 'command refused');
    return errorReply(new UserError('unknown-command', words
      ? `There is no command "${words}". \`${COMMAND_PREFIX} help\` lists them all.`
      : `Say what to do, e.g. \`${COMMAND_PREFIX} action list\`. \`${COMMAND_PREFIX} help\` lists every command.`));
  }
  const { definition, rest } = resolved;
  try {
    const parsed = definition.args.safeParse(parseCommandText(rest, definition.optionKeys ?? []));
    if (!parsed.success) throw new UserError('bad-arguments', describeArgumentProblems(parsed.error));
    const result = await definition.run(parsed.data, ctx);
    log.info({ audience: result.audience }, 'command done');
    return result;
  } catch (error) {
    if (error instanceof UserError) {
      log.info({ code: error.code }, 'command refused');
      return errorReply(error.withUsage(usageLine(definition)));
    }
    log.error({ err: error }, 'command failed');
    return errorReply(new UserError('conflict', 'Something went wrong on our side, and nothing was saved. Please try again; if it keeps happening, tell whoever runs the bot.'));
  }
}

function describeArgumentProblems(error: z.ZodError): string {
  const messages = [...new Set(error.issues.map((i) => i.message))];
  const sentence = messages.map((m) => m.charAt(0).toUpperCase() + m.slice(1)).join('. ');
  return `${sentence}.`;
}

function errorReply(error: UserError): Reply {
  return reply({ type: 'error', text: error.message, ...(error.usage !== undefined && { usage: error.usage }) });
}
