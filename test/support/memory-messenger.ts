import type { Reply } from '../../commands/reply.ts';
import type { Destination } from '../../src/messaging/deliver.ts';
import type { Messenger } from '../../src/messaging/messenger.ts';

export interface DeliveredMessage {
  to: Destination;
  reply: Reply;
}

/** Keeps messages in memory instead of sending them. `failWith` can refuse or break chosen sends. */
export class MemoryMessenger implements Messenger {
  readonly messages: DeliveredMessage[] = [];
  count = 0;
  readonly #failWith: ((to: Destination, attempt: number) => Error | undefined) | undefined;
  #attempts = 0;

  constructor(options: { failWith?: (to: Destination, attempt: number) => Error | undefined } = {}) {
    this.#failWith = options.failWith;
  }

  postToChannel(channelId: string, reply: Reply): Promise<void> {
    return this.#deliver({ channel: channelId }, reply);
  }

  sendDirect(userId: string, reply: Reply): Promise<void> {
    return this.#deliver({ direct: userId }, reply);
  }

  #deliver(to: Destination, reply: Reply): Promise<void> {
    this.#attempts++;
    const failure = this.#failWith?.(to, this.#attempts);
    if (failure) return Promise.reject(failure);
    this.count++;
    this.messages.push({ to, reply });
    return Promise.resolve();
  }
}
