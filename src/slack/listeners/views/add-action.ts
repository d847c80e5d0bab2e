import type { App } from '@slack/bolt';
import { newActionAnnouncement } from '../../../../commands/action-add.ts';
import { context } from '../../../../commands/reply.ts';
import { addAction } from '../../../app/actions.ts';
import type { Action } from '../../../domain/actions.ts';
import { DeliveryError } from '../../../messaging/messenger.ts';
import { runUseCase, type SlackDeps } from '../../deps.ts';
import { VIEW } from '../../interaction-ids.ts';
import { RequestGuard } from '../../request-guard.ts';
import { ADD_FIELDS, readAddActionForm } from '../../views/add-action-modal.ts';
import { damagedForm, readSubmission, refusedForm } from './submission.ts';

/**
 * The Add action form. Every field is checked before anything is saved; a
 * problem is shown against its field (`response_action: 'errors'`) and the
 * form stays open. So this listener acknowledges after checking, not before:
 * the acknowledgement is the answer. Saving uses the same use case as
 * `/psw action add`, claiming the view's ID so a repeated submission cannot
 * add the action twice. The new action is then announced in the channel.
 */
export function registerAddActionForm(app: App, deps: SlackDeps): void {
  app.view(VIEW.addAction, async ({ ack, body }) => {
    const log = deps.log.child({ frontEnd: 'slack', request: 'form', form: VIEW.addAction });
    const submission = readSubmission(body);
    if (!submission) {
      await ack(damagedForm(ADD_FIELDS.title, log));
      return;
    }
    const now = deps.clock();
    const form = readAddActionForm(submission.values, now, deps.timeZone);
    if (!form.ok) {
      log.info({ code: 'invalid-form', fields: Object.keys(form.errors) }, 'form returned with problems to fix');
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const guard = new RequestGuard(deps.store, `view:${submission.viewId}`, now);
    const who = { userId: submission.userId, channelId: submission.metadata.c, store: guard.store, now };
    let action: Action;
    try {
      action = await runUseCase(deps, who, (op) => addAction(op, form.value));
    } catch (error) {
      await ack(refusedForm(error, { 'invalid-timescale': ADD_FIELDS.timescale, 'not-found': ADD_FIELDS.priorities }, ADD_FIELDS.title, log));
      return;
    }
    await ack();
    log.info({ actionId: action.id }, 'action added from the form');
    const announcement = newActionAnnouncement(action, submission.userId);
    try {
      await deps.messenger.postToChannel(submission.metadata.c, announcement);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      // Saved but not announced: tell the person who added it, so it is not lost from view.
      const note = context(`Saved, but I could not announce it in <#${submission.metadata.c}>: ${error.message}`);
      await deps.messenger.sendDirect(submission.userId, { audience: 'user', blocks: [...announcement.blocks, note] }).catch((e: unknown) => {
        log.warn({ code: e instanceof DeliveryError ? e.code : 'unexpected_error' }, 'could not tell the person either');
      });
    }
  });
}
