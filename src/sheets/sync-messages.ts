import { context, reply, text, type Reply } from '../../commands/reply.ts';
import type { Action } from '../domain/actions.ts';
import type { Network } from '../domain/networks.ts';
import type { Logger } from '../logger.ts';
import { DeliveryError, type Messenger } from '../messaging/messenger.ts';
import { parseStatusText, STATUS_LABELS } from './row-values.ts';
import { spreadsheetUrl } from './spreadsheet-id.ts';
import type { InvalidStatus } from './sync-plan.ts';

/** What the sync tells people, and how it gets it to them. */

export function pulledNotice(action: Action, spreadsheetId: string): Reply {
  const change = action.history.at(-1)?.changes.find((c) => c.field === 'status');
  const was = change ? parseStatusText(change.from) : undefined;
  return reply(
    text(`Your action *${action.id}* (${action.title}) was marked *${STATUS_LABELS[action.status]}* in the Google Sheet${was ? ` (it was ${STATUS_LABELS[was]})` : ''}. The change is in its history.`),
    context(`If that is wrong, set it back with \`/psw action update ${action.id} status:<status>\`. ${spreadsheetUrl(spreadsheetId)}`),
  );
}

export function invalidNotice(network: Network, invalid: InvalidStatus, spreadsheetId: string): Reply {
  return reply(
    text(`In the Google Sheet (${network.name} tab), the Status of *${invalid.actionId}* (${invalid.title}) says "${invalid.typed}", which is not a status. The bot has left the cell as it is and still counts ${invalid.actionId} as ${STATUS_LABELS[invalid.status]}.`),
    context(`A status is one of ${Object.values(STATUS_LABELS).join(', ')}; put one in the cell and the next sync takes it. ${spreadsheetUrl(spreadsheetId)}`),
  );
}

/** Direct messages, sent after the store is saved; one undeliverable message does not stop the rest. */
export class Outbox {
  sent = 0;
  failed = 0;
  readonly #pending: { to: string; message: Reply }[] = [];
  readonly #messenger: Messenger;
  readonly #log: Logger;

  constructor(messenger: Messenger, log: Logger) {
    this.#messenger = messenger;
    this.#log = log;
  }

  queue(to: string, message: Reply): void {
    this.#pending.push({ to, message });
  }

  async flush(): Promise<void> {
    for (const { to, message } of this.#pending.splice(0)) {
      try {
        await this.#messenger.sendDirect(to, message);
        this.sent++;
      } catch (error) {
        this.failed++;
        if (error instanceof DeliveryError) this.#log.warn({ code: error.code }, 'sheets sync message not delivered');
        else this.#log.error({ err: error }, 'sheets sync message failed');
      }
    }
  }
}

export function failureNotice(network: Network, message: string): Reply {
  return reply(
    text(`The Google Sheets sync for the ${network.name} network is failing. ${message}`),
    context('You are told once. The bot keeps trying on every sync and will say when it works again.'),
  );
}

export function recoveryNotice(network: Network, spreadsheetId: string): Reply {
  return reply(text(`The Google Sheets sync for the ${network.name} network works again.`), context(spreadsheetUrl(spreadsheetId)));
}
