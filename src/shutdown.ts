import type { Logger } from './logger.ts';

export interface ShutdownStep {
  /** For the log, e.g. "http server", "scheduler", "store". */
  name: string;
  stop: () => Promise<void>;
}

export interface ShutdownOptions {
  log: Logger;
  /** After this long the process exits anyway, with status 1. */
  deadlineMs?: number;
  exit?: (code: number) => void;
}

/**
 * Graceful stop on SIGTERM (what a container platform sends before it kills
 * a replica) and SIGINT. Steps run one after another in the order they were
 * added, so a front end stops taking requests before the store waits for
 * the work in flight and lets go of its connections and leaderships. A step
 * that fails is logged and the next still runs. A second signal does not
 * start a second shutdown.
 */
export class Shutdown {
  readonly #steps: ShutdownStep[] = [];
  readonly #log: Logger;
  readonly #deadlineMs: number;
  readonly #exit: (code: number) => void;
  #running: Promise<void> | undefined;

  constructor(options: ShutdownOptions) {
    this.#log = options.log.child({ component: 'shutdown' });
    this.#deadlineMs = options.deadlineMs ?? 25_000;
    this.#exit = options.exit ?? ((code) => process.exit(code));
  }

  add(step: ShutdownStep): this {
    this.#steps.push(step);
    return this;
  }

  /** Listens for the signals; returns a function that stops listening. */
  listen(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
    const onSignal = (signal: NodeJS.Signals): void => {
      void this.run(signal);
    };
    for (const signal of signals) process.on(signal, onSignal);
    return () => {
      for (const signal of signals) process.off(signal, onSignal);
    };
  }

  /** Runs every step once, then exits; later calls return the same promise. */
  run(reason: string): Promise<void> {
    this.#running ??= this.#stopAll(reason);
    return this.#running;
  }

  async #stopAll(reason: string): Promise<void> {
    this.#log.info({ reason, steps: this.#steps.map((s) => s.name) }, 'shutting down');
    const deadline = setTimeout(() => {
      this.#log.error({ deadlineMs: this.#deadlineMs }, 'shutdown took too long; exiting with work unfinished');
      this.#exit(1);
    }, this.#deadlineMs);
    deadline.unref();
    let failed = false;
    for (const step of this.#steps) {
      try {
        await step.stop();
        this.#log.info({ step: step.name }, 'stopped');
      } catch (error) {
        failed = true;
        this.#log.error({ step: step.name, err: error }, 'a shutdown step failed');
      }
    }
    clearTimeout(deadline);
    this.#exit(failed ? 1 : 0);
  }
}
