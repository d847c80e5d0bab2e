import type { Writable } from 'node:stream';
import type { Runtime } from '../runtime.ts';
import type { Messenger } from './messenger.ts';
import { PacedMessenger } from './paced-messenger.ts';
import { TextMessenger } from './text-messenger.ts';

/**
 * The messenger scheduled jobs send through, paced to MESSAGE_PACING_MS per
 * channel or person.
 *
 * SLACK SEAM: this is where SlackMessenger plugs in when the Slack front end
 * is merged: when Slack is configured, build it here (its client waits out
 * 429s and turns Slack's refusals into DeliveryError) and return it through
 * `paced`. Until then, and whenever no chat service is configured, messages
 * are printed as text to `out`.
 */
export function createMessenger(runtime: Runtime, out: Writable): Messenger {
  return paced(new TextMessenger(out), runtime);
}

export function paced(messenger: Messenger, runtime: Pick<Runtime, 'config'>): Messenger {
  return runtime.config.messagePacingMs > 0 ? new PacedMessenger(messenger, runtime.config.messagePacingMs) : messenger;
}
