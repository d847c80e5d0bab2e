import type { Leadership } from './store.ts';

/**
 * Leadership within one process, for the stores that one process owns (the
 * memory and JSON-file stores): a name is held by at most one holder, and
 * waiters get it in the order they asked when it is released.
 */
export class LocalLeaderships {
  readonly #held = new Map<string, LocalLeadership>();
  readonly #waiters = new Map<string, { grant: (l: Leadership | undefined) => void }[]>();
  #closed = false;

  try(name: string): Leadership | undefined {
    if (this.#closed || this.#held.has(name)) return undefined;
    return this.#grant(name);
  }

  wait(name: string, signal?: AbortSignal): Promise<Leadership | undefined> {
    if (this.#closed || signal?.aborted) return Promise.resolve(undefined);
    if (!this.#held.has(name)) return Promise.resolve(this.#grant(name));
    return new Promise((resolve) => {
      const waiter = {
        grant: (leadership: Leadership | undefined): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve(leadership);
        },
      };
      const onAbort = (): void => {
        const queue = this.#waiters.get(name) ?? [];
        this.#waiters.set(name, queue.filter((w) => w !== waiter));
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(name, [...(this.#waiters.get(name) ?? []), waiter]);
    });
  }

  /** Releases every leadership and turns every waiter away. */
  close(): Promise<void> {
    this.#closed = true;
    for (const queue of this.#waiters.values()) for (const waiter of queue) waiter.grant(undefined);
    this.#waiters.clear();
    return Promise.all([...this.#held.values()].map((l) => l.release())).then(() => undefined);
  }

  #grant(name: string): Leadership {
    const leadership = new LocalLeadership(name, () => this.#released(name));
    this.#held.set(name, leadership);
    return leadership;
  }

  #released(name: string): void {
    this.#held.delete(name);
    const [next, ...rest] = this.#waiters.get(name) ?? [];
    this.#waiters.set(name, rest);
    if (next) next.grant(this.#grant(name));
  }
}

class LocalLeadership implements Leadership {
  readonly name: string;
  readonly #controller = new AbortController();
  readonly #onRelease: () => void;

  constructor(name: string, onRelease: () => void) {
    this.name = name;
    this.#onRelease = onRelease;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  release(): Promise<void> {
    if (!this.#controller.signal.aborted) {
      this.#controller.abort(new Error(`leadership of ${this.name} was released`));
      this.#onRelease();
    }
    return Promise.resolve();
  }
}
