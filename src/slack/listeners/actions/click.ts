import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { runCommand } from '../../../../commands/dispatch.ts';
import { context, reply, type Reply } from '../../../../commands/reply.ts';
import { locateAction } from '../../../app/actions.ts';
import type { Logger } from '../../../logger.ts';
import { DeliveryError } from '../../../messaging/messenger.ts';
import { answerFor } from '../../answers.ts';
import { commandContext, type SlackDeps } from '../../deps.ts';
import type { ActionRef } from '../../interaction-ids.ts';
import { escapeMrkdwn } from '../../render-blocks.ts';
import { RequestGuard } from '../../request-guard.ts';
import { publishHome } from '../events/publish-home.ts';
import { respondAll } from '../respond.ts';

/** The parts of a block_actions payload the buttons rely on. */
const clickSchema = z.object({
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }).nullish(),
  view: z.object({ type: z.string() }).nullish(),
});

export interface Click {
  userId: string;
  triggerId: string;
  /** Where the button was pressed; absent in the App Home. */
  channelId: string | undefined;
  fromHome: boolean;
}

export function readClick(body: unknown): Click | undefined {
  const parsed = clickSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const b = parsed.data;
  return { userId: b.user.id, triggerId: b.trigger_id, channelId: b.channel?.id, fromHome: b.view?.type === 'home' };
}

export interface ClickTools {
  deps: SlackDeps;
  client: WebClient;
  respond: RespondFn | undefined;
  log: Logger;
}

/**
 * Answers a click that could not be understood (a damaged value, a payload
 * missing its user): the person is told nothing changed, and a structured
 * line is logged.
 */
export async function refuseClick(tools: ClickTools, click: Click | undefined, code: string, text: string): Promise<void> {
  tools.log.warn({ code }, 'button press refused');
  const refusal = reply({ type: 'error', text });
  if (click) {
    await deliver(tools, click, refusal, undefined);
    return;
  }
  const answer = await answerFor(refusal, tools.deps.users);
  await respondAll(tools.respond, answer, answer.messages, tools.log, { replace_original: false });
}

/**
 * Runs a button's work after its acknowledgement. Something unexpected (the
 * data file failing to save, Slack failing to answer) is logged and the
 * person told; the store's transactions mean a failed change left nothing
 * half-done.
 */
export async function afterAck(tools: ClickTools, click: Click | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    tools.log.error({ err: error }, 'button press failed');
    await refuseClick(tools, click, 'unexpected-error', 'Something went wrong on our side, and nothing was changed. Please try again; if it keeps happening, tell whoever runs the bot.')
      .catch((e: unknown) => tools.log.error({ err: e }, 'could not report the failure either'));
  }
}

/**
 * Runs a command on the action a button belongs to, as the person who
 * pressed it, in the channel that speaks for the action's network. When the
 * action changed after the message was made, the command still acts on the
 * action as it is now, and the reply says so.
 */
export async function actOnAction(tools: ClickTools, click: Click, ref: ActionRef, commandFor: (id: string) => string): Promise<void> {
  const { deps } = tools;
  const now = deps.clock();
  const located = await deps.store.transaction((tx) => locateAction(tx, ref.id, click.channelId));
  if (!located) {
    await refuseClick(tools, click, 'action-not-found', `There is no action ${escapeMrkdwn(ref.id)} any more, so nothing was changed.`);
    return;
  }
  const guard = new RequestGuard(deps.store, `click:${click.triggerId}`, now);
  const ctx = commandContext(deps, { userId: click.userId, channelId: located.channelId, store: guard.store, now });
  let result = withoutUsage(await runCommand(commandFor(located.action.id), ctx, deps.commands));
  if (guard.duplicate) return;
  if (located.action.updatedAt !== ref.v) {
    tools.log.info({ code: 'stale-button', actionId: located.action.id }, 'button pressed on an action that had changed since');
    result = { ...result, blocks: [context(`${located.action.id} had changed since this message was posted, so I acted on it as it is now.`), ...result.blocks] };
  }
  await deliver(tools, click, result, located.channelId);
}

/** A button is not typed, so a refusal's command usage would only confuse. */
function withoutUsage(result: Reply): Reply {
  return { ...result, blocks: result.blocks.map((b) => (b.type === 'error' ? { type: 'error', text: b.text } : b)) };
}

/**
 * Where a click's reply goes. Announcements go to the network's channel
 * (through the clicked message's response_url when it is in that channel,
 * else posted); everything else to the person alone. In the App Home the
 * tab is refreshed with the outcome at the top.
 */
export async function deliver(tools: ClickTools, click: Click, result: Reply, networkChannel: string | undefined): Promise<void> {
  const { deps, log } = tools;
  let outcome = result;
  if (result.audience === 'channel' && networkChannel !== undefined && (click.fromHome || click.channelId !== networkChannel)) {
    outcome = { ...result, audience: 'user' };
    try {
      await deps.messenger.postToChannel(networkChannel, result);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      outcome = { ...outcome, blocks: [...outcome.blocks, context(`Saved, but not announced in <#${networkChannel}>: ${error.message}`)] };
    }
  }
  if (click.fromHome) {
    await publishHome(deps, tools.client, click.userId, log, summary(outcome));
    return;
  }
  const answer = await answerFor(outcome, deps.users);
  await respondAll(tools.respond, answer, answer.messages, log, { replace_original: false });
}

/** One line for the top of the App Home: the outcome of the last click there. */
function summary(result: Reply): string {
  const lines = result.blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' ? [escapeMrkdwn(b.text)] : b.type === 'error' ? [`:warning: ${escapeMrkdwn(b.text)}`] : []));
  return lines.join(' ').slice(0, 2000) || 'Done.';
}
