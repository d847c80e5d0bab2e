import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps.ts';
import { RequestGuard } from '../../request-guard.ts';

const eventEnvelope = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

/**
 * Slack redelivers an event it thinks was missed (X-Slack-Retry-Num) and
 * Bolt passes every delivery on. Each event_id is claimed once; a
 * redelivery of one already claimed stops here.
 */
export function registerEventDeduplication(app: App, deps: SlackDeps): void {
  app.use(async ({ body, context, next }) => {
    const envelope = eventEnvelope.safeParse(body);
    if (envelope.success) {
      const guard = new RequestGuard(deps.store, `event:${envelope.data.event_id}`, deps.clock());
      if (!(await guard.claim())) {
        deps.log.info({ frontEnd: 'slack', request: 'event', code: 'duplicate-request', retryNum: context.retryNum }, 'redelivered event ignored');
        return;
      }
    }
    await next();
  });
}
