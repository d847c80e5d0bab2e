import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { runCommand } from '../../commands/dispatch.ts';
import type { CommandContext, CommandDefinition } from '../../commands/types.ts';
import { renderText } from './render-text.ts';

export interface ShellOptions {
  input: Readable;
  output: Writable;
  commands: readonly CommandDefinition[];
  /** Builds the context for one line; called per line so each gets the current time. */
  contextFor: () => CommandContext;
  interactive: boolean;
  /** Aborting it ends the shell as end of input would (SIGTERM). */
  signal?: AbortSignal;
}

/** The channel the local shell speaks in: one network can be linked to it, as in Slack. */
export const LOCAL_CHANNEL_ID = 'CLOCALSHELL';

/**
 * The bot with no chat service: reads `/psw ...` lines, writes each reply as
 * text. Lines are handled strictly one at a time, in order, so piped input
 * behaves exactly as typed input. Resolves at end of input.
 */
export async function runShell(options: ShellOptions): Promise<void> {
  const { input, output, interactive } = options;
  const lines = createInterface({ input, ...(interactive && { output, prompt: 'psw> ' }), terminal: interactive, ...(options.signal && { signal: options.signal }) });
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  if (interactive) {
    write('PSW Network Bot local shell. Type /psw help to start, or Ctrl-D to leave.');
    lines.prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line !== '' && !line.startsWith('#')) {
      const reply = await runCommand(line, options.contextFor(), options.commands);
      write(renderText(reply));
      if (interactive) write('');
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
