import type { Writable } from 'node:stream';
import type { Reply } from '../../commands/reply.ts';
import { renderText } from '../shell/render-text.ts';
import type { Messenger } from './messenger.ts';

/** Prints messages instead of sending them: the local shell's messenger, and --dry-run's. */
export class TextMessenger implements Messenger {
  readonly #out: Writable;

  constructor(out: Writable) {
    this.#out = out;
  }

  postToChannel(channelId: string, reply: Reply): Promise<void> {
    return this.#write(`[to channel ${channelId}]`, reply);
  }

  sendDirect(userId: string, reply: Reply): Promise<void> {
    return this.#write(`[direct message to @${userId}]`, reply);
  }

  #write(header: string, reply: Reply): Promise<void> {
    this.#out.write(`${header}\n${renderText({ ...reply, audience: 'user' })}\n\n`);
    return Promise.resolve();
  }
}
