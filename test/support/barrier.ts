/** A promise to be resolved from outside: lets a test hold a unit of work at a chosen point. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Tells whether a promise has settled yet, without waiting for it. */
export async function settled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const result = await Promise.race([promise.then(() => true, () => true), Promise.resolve(marker)]);
  return result !== marker;
}

/**
 * Asks `check` again and again (each ask is real I/O, such as a query) until
 * it says yes; fails after `tries`. For states another process reaches on
 * its own, such as a session starting to wait for a lock.
 */
export async function until(what: string, check: () => Promise<boolean>, tries = 2_000): Promise<void> {
  for (let i = 0; i < tries; i++) if (await check()) return;
  throw new Error(`gave up waiting until ${what}`);
}
