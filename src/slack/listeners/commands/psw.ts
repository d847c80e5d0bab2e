import type { AckFn, App, RespondArguments, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { COMMAND_PREFIX, resolveCommand, runCommand } from '../../../../commands/dispatch.ts';
import { reply, type Reply } from '../../../../commands/reply.ts';
import type { Logger } from '../../../logger.ts';
import { answerFor, type SlackAnswer } from '../../answers.ts';
import { commandContext, type SlackDeps } from '../../deps.ts';
import { DuplicateRequestError, RequestGuard } from '../../request-guard.ts';
import { responseBody, respondAll } from '../respond.ts';
import { openAddActionForm } from './open-add-action-form.ts';

/** The fields of a slash command this bot relies on; anything else Slack sends is ignored. */
const commandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
});

/**
 * `/psw ...`: every command, through the same definitions as the shell.
 *
 * Commands run against the local store and finish in milliseconds, so the
 * reply normally travels in the acknowledgement itself (one round trip,
 * shown at once). That is why this listener acknowledges after the work
 * rather than before: the work is raced against `ackBudgetMs`, and if it is
 * not done by then the command is acknowledged empty and answered through
 * response_url when it is. Either way Slack hears back within 3 seconds.
 */
export function registerPswCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND_PREFIX, async ({ body, ack, respond, client }) => {
    const log = deps.log.child({ frontEnd: 'slack', request: 'command' });
    const parsed = commandSchema.safeParse(body);
    if (!parsed.success) {
      log.warn({ code: 'malformed-payload', fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'slash command payload refused');
      await ack({ response_type: 'ephemeral', text: 'Sorry: that command reached me incomplete, so nothing was done. Please try again.' });
      return;
    }
    const command = parsed.data;
    const now = deps.clock();
    const line = `${COMMAND_PREFIX} ${command.text}`;
    const requestLog = log.child({ user: command.user_id, channel: command.channel_id, command: resolveCommand(line, deps.commands)?.definition.name ?? 'unknown' });

    if (isBareActionAdd(line, deps)) {
      await openAddActionForm({ deps, client, ack, respond, userId: command.user_id, channelId: command.channel_id, triggerId: command.trigger_id, now, log: requestLog });
      return;
    }

    const guard = new RequestGuard(deps.store, `command:${command.trigger_id}`, now);
    const ctx = commandContext(deps, { userId: command.user_id, channelId: command.channel_id, store: guard.store, now });
    const answering = answerCommand(line, ctx, deps, guard, requestLog);
    const deadline = deps.deadline(deps.ackBudgetMs);
    const early = await Promise.race([answering, deadline.reached.then(() => undefined)]);
    deadline.cancel();
    if (early) {
      await acknowledgeWith(ack, respond, early, requestLog);
      return;
    }
    requestLog.info({ budgetMs: deps.ackBudgetMs }, 'command slower than the acknowledgement budget; answering through response_url');
    await ack();
    const late = await answering;
    await respondAll(respond, late, late.messages, requestLog);
  });
}

/** `/psw action add` with nothing after it opens the form instead. */
function isBareActionAdd(line: string, deps: SlackDeps): boolean {
  const resolved = resolveCommand(line, deps.commands);
  return resolved?.definition.name === 'action add' && resolved.rest === '';
}

/** Runs the command and renders its reply; never rejects, so a race on it is safe. */
async function answerCommand(line: string, ctx: ReturnType<typeof commandContext>, deps: SlackDeps, guard: RequestGuard, log: Logger): Promise<SlackAnswer> {
  try {
    let result: Reply = await runCommand(line, ctx, deps.commands);
    // A reply announced in the channel that changed nothing (a posted agenda) still posts only once.
    if (result.audience === 'channel' && !(await guard.claim())) result = reply({ type: 'error', text: new DuplicateRequestError().message });
    return await answerFor(result, deps.users, { line, page: 1 });
  } catch (error) {
    log.error({ err: error }, 'could not answer the command');
    return answerFor(reply({ type: 'error', text: 'Something went wrong on our side while answering. If you changed something, check with `/psw action list` before trying again.' }), deps.users);
  }
}

async function acknowledgeWith(ack: AckFn<string | RespondArguments>, respond: RespondFn | undefined, answer: SlackAnswer, log: Logger): Promise<void> {
  const [first, ...rest] = answer.messages;
  await ack(first ? responseBody(answer, first) : undefined);
  if (rest.length > 0) await respondAll(respond, answer, rest, log);
}

