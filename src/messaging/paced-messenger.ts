import type { Reply } from '../../commands/reply.ts';
import type { Messenger } from './messenger.ts';

/** Time as pacing sees it; injected so tests need not wait. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPacingClock: PacingClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Keeps messages to any one channel or person at least `intervalMs` apart
 * (Slack allows about one message a second per channel). Messages to
 * different recipients are not held back by each other. A 429 from Slack is
 * still possible (workspace-wide limits) and is the Slack client's to wait
 * out; this only keeps us from provoking it.
 */
export class PacedMessenger implements Messenger {
  readonly #inner: Messenger;
  readonly #intervalMs: number;
  readonly #clock: PacingClock;
  /** Recipient → earliest time its next message may go. */
  readonly #nextAt = new Map<string, number>();

  constructor(inner: Messenger, intervalMs: number, clock: PacingClock = realPacingClock) {
    this.#inner = inner;
    this.#intervalMs = intervalMs;
    this.#clock = clock;
  }

  async postToChannel(channelId: string, reply: Reply): Promise<void> {
    await this.#turn(`channel:${channelId}`);
    return this.#inner.postToChannel(channelId, reply);
  }

  async sendDirect(userId: string, reply: Reply): Promise<void> {
    await this.#turn(`direct:${userId}`);
    return this.#inner.sendDirect(userId, reply);
  }

  /** Reserves the recipient's next slot before waiting, so concurrent senders queue rather than collide. */
  async #turn(recipient: string): Promise<void> {
    if (this.#intervalMs <= 0) return;
    const now = this.#clock.now();
    const at = Math.max(now, this.#nextAt.get(recipient) ?? 0);
    this.#nextAt.set(recipient, at + this.#intervalMs);
    if (this.#nextAt.size > 10_000) this.#forgetIdle(now);
    if (at > now) await this.#clock.sleep(at - now);
  }

  #forgetIdle(now: number): void {
    for (const [recipient, at] of this.#nextAt) if (at <= now) this.#nextAt.delete(recipient);
  }
}
