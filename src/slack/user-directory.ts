import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';

/** How long a looked-up name is trusted; people rarely rename themselves. */
export const NAME_TTL_MS = 60 * 60 * 1000;
/** A failed look-up is not retried for a while, so a missing user cannot cause a storm of calls. */
export const FAILURE_TTL_MS = 5 * 60 * 1000;

interface Entry {
  name: string | undefined;
  expires: number;
}

/**
 * Display names from users.info, cached for an hour. Names are only needed
 * where Slack will not render a mention (plain-text headers, App Home), so a
 * failed look-up degrades to the user ID and is logged, never thrown.
 */
export class UserDirectory {
  readonly #client: WebClient;
  readonly #clock: () => Date;
  readonly #log: Logger;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<string | undefined>>();

  constructor(client: WebClient, clock: () => Date, log: Logger, ttlMs: number = NAME_TTL_MS) {
    this.#client = client;
    this.#clock = clock;
    this.#log = log.child({ component: 'user-directory' });
    this.#ttlMs = ttlMs;
  }

  async displayName(userId: string): Promise<string | undefined> {
    const now = this.#clock().getTime();
    const cached = this.#cache.get(userId);
    if (cached && cached.expires > now) return cached.name;
    const pending = this.#inFlight.get(userId);
    if (pending) return pending;
    const lookup = this.#lookUp(userId, now).finally(() => this.#inFlight.delete(userId));
    this.#inFlight.set(userId, lookup);
    return lookup;
  }

  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    await Promise.all([...new Set(userIds)].map(async (id) => {
      const name = await this.displayName(id);
      if (name !== undefined) names.set(id, name);
    }));
    return names;
  }

  async #lookUp(userId: string, now: number): Promise<string | undefined> {
    try {
      const result = await this.#client.users.info({ user: userId });
      const user = result.user;
      const name = user?.profile?.display_name || user?.real_name || user?.name || undefined;
      this.#cache.set(userId, { name, expires: now + this.#ttlMs });
      return name;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code ?? 'unknown';
      this.#log.warn({ code, userId }, 'could not look up a display name; showing the user ID');
      this.#cache.set(userId, { name: undefined, expires: now + FAILURE_TTL_MS });
      return undefined;
    }
  }
}
