import type { App } from '@slack/bolt';
import { updatedActionReply } from '../../../../commands/action-update.ts';
import { context } from '../../../../commands/reply.ts';
import { statusAnnouncement } from '../../../../commands/status-command.ts';
import { changeAction, locateAction } from '../../../app/actions.ts';
import type { Action } from '../../../domain/actions.ts';
import { DeliveryError } from '../../../messaging/messenger.ts';
import { answerFor } from '../../answers.ts';
import { runUseCase, type SlackDeps } from '../../deps.ts';
import { VIEW } from '../../interaction-ids.ts';
import { RequestGuard } from '../../request-guard.ts';
import { baselineFromView, baselineOf, readUpdateActionForm, UPDATE_FIELDS } from '../../views/update-action-modal.ts';
import { publishHome } from '../events/publish-home.ts';
import { damagedForm, readSubmission, refusedForm } from './submission.ts';

const COMPLETION_VERB: Partial<Record<Action['status'], string>> = { done: 'marked done', dropped: 'dropped' };

/**
 * The Update form behind an action's Update button. Checked field by field
 * before saving, like the Add form; saved with the use case behind
 * `/psw action update`, which also checks that this person may change it.
 * The form then shows what changed; a completion is announced in the channel.
 */
export function registerUpdateActionForm(app: App, deps: SlackDeps): void {
  app.view(VIEW.updateAction, async ({ ack, body, client }) => {
    const log = deps.log.child({ frontEnd: 'slack', request: 'form', form: VIEW.updateAction });
    const submission = readSubmission(body);
    const actionId = submission?.metadata.id;
    if (!submission || actionId === undefined) {
      await ack(damagedForm(UPDATE_FIELDS.status, log));
      return;
    }
    const now = deps.clock();
    const located = await deps.store.transaction((tx) => locateAction(tx, actionId, submission.metadata.c));
    if (!located) {
      await ack({ response_action: 'errors', errors: { [UPDATE_FIELDS.status]: `There is no action ${actionId} any more, so nothing was saved.` } });
      return;
    }
    const current = located.action;
    const changedMeanwhile = submission.metadata.v !== current.updatedAt;
    const baseline = baselineFromView(submission.blocks) ?? baselineOf(current);
    const form = readUpdateActionForm(submission.values, baseline, current, now, deps.timeZone);
    if (!form.ok) {
      log.info({ code: 'invalid-form', fields: Object.keys(form.errors) }, 'form returned with problems to fix');
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const guard = new RequestGuard(deps.store, `view:${submission.viewId}`, now);
    const who = { userId: submission.userId, channelId: located.channelId, store: guard.store, now };
    let before: Action;
    let after: Action;
    try {
      ({ before, after } = await runUseCase(deps, who, (op) => changeAction(op, current.id, form.value)));
    } catch (error) {
      await ack(refusedForm(error, { 'invalid-timescale': UPDATE_FIELDS.timescale, conflict: UPDATE_FIELDS.note }, UPDATE_FIELDS.status, log));
      return;
    }
    const saved = updatedActionReply(after);
    if (changedMeanwhile) saved.blocks.unshift(context(`${after.id} had changed while this form was open; only the fields you changed were saved, on top of the other changes.`));
    const view = await answerFor(saved, deps.users);
    await ack({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'Saved' }, close: { type: 'plain_text', text: 'Close' }, blocks: view.messages[0]!.blocks } });
    log.info({ actionId: after.id }, 'action updated from the form');

    const verb = before.status !== after.status ? COMPLETION_VERB[after.status] : undefined;
    if (verb) {
      await deps.messenger.postToChannel(located.channelId, statusAnnouncement(after, verb, submission.userId, after.history.at(-1)?.note)).catch((error: unknown) => {
        log.warn({ code: error instanceof DeliveryError ? error.code : 'unexpected_error' }, 'completion not announced');
      });
    }
    if (submission.metadata.h) await publishHome(deps, client, submission.userId, log, `Saved: ${after.id}.`);
  });
}
