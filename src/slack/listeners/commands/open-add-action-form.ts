import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { reply } from '../../../../commands/reply.ts';
import { prepareNewAction } from '../../../app/actions.ts';
import { UserError } from '../../../errors.ts';
import type { Logger } from '../../../logger.ts';
import { answerFor } from '../../answers.ts';
import { runUseCase, type SlackDeps } from '../../deps.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { addActionModal } from '../../views/add-action-modal.ts';
import { responseBody, respondAll } from '../respond.ts';

/**
 * `/psw action add` with no text: opens the Add action form. Who may add
 * and to which network is checked first (a store read), so a viewer or an
 * unlinked channel gets the reason at once rather than a form that cannot
 * be saved. The form then opens with the command's trigger_id, which Slack
 * honours for about 3 seconds.
 */
export async function openAddActionForm(args: {
  deps: SlackDeps; client: WebClient; ack: AckFn<string | RespondArguments>; respond: RespondFn | undefined;
  userId: string; channelId: string; triggerId: string; now: Date; log: Logger;
}): Promise<void> {
  const { deps, ack, log } = args;
  const who = { userId: args.userId, channelId: args.channelId, now: args.now };
  let prepared: Awaited<ReturnType<typeof prepareNewAction>>;
  try {
    prepared = await runUseCase(deps, who, (op) => prepareNewAction(op));
    if (prepared.frameworks.length === 0) {
      throw new UserError('conflict', `The ${prepared.network.name} network has adopted no priority frameworks, so an action cannot be linked to a priority yet. A co-chair can adopt one with \`/psw framework adopt CSW2122\`.`);
    }
  } catch (error) {
    if (error instanceof UserError) log.info({ code: error.code }, 'add action form refused');
    else log.error({ err: error }, 'could not prepare the add action form');
    const text = error instanceof UserError ? error.message : 'Something went wrong on our side, so the form could not open. Please try again.';
    const answer = await answerFor(reply({ type: 'error', text }), deps.users);
    await ack(responseBody(answer, answer.messages[0]!));
    return;
  }
  await ack();
  try {
    await args.client.views.open({
      trigger_id: args.triggerId,
      view: addActionModal({ network: prepared.network, frameworks: prepared.frameworks, requesterId: args.userId, channelId: args.channelId }),
    });
    log.info({ network: prepared.network.code }, 'add action form opened');
  } catch (error) {
    const code = slackErrorCode(error);
    log.warn({ code }, 'could not open the add action form');
    const answer = await answerFor(reply({
      type: 'error',
      text: `I could not open the form (Slack said ${code}). Try again, or add the action in one line: \`/psw action add <title> @owner due:"<timescale>" priority:<code>\`.`,
    }), deps.users);
    await respondAll(args.respond, answer, answer.messages, log);
  }
}
