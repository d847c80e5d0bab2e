import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export type Message = Record<string, unknown> & { event: string };

/**
 * A script run as a separate Node process (a replica, a scheduler), driven
 * by JSON lines: commands on its stdin, events on its stdout. A test waits
 * for events instead of sleeping. If the process ends before the awaited
 * event, the wait fails with what the process wrote to stderr.
 */
export class ChildProcess {
  readonly name: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #messages: Message[] = [];
  readonly #waiting: { event: string; resolve: (m: Message) => void; reject: (e: Error) => void }[] = [];
  #stderr = '';
  #ended = false;

  constructor(name: string, script: string, args: string[]) {
    this.name = name;
    this.#process = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#process.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString();
    });
    createInterface({ input: this.#process.stdout }).on('line', (line) => {
      let message: Message;
      try {
        message = JSON.parse(line) as Message;
      } catch {
        this.#stderr += `(stdout) ${line}\n`;
        return;
      }
      this.#messages.push(message);
      this.#deliver();
    });
    this.exited = new Promise((resolve) => {
      this.#process.on('exit', (code, signal) => {
        this.#ended = true;
        for (const w of this.#waiting.splice(0)) w.reject(new Error(`${this.name} ended (${signal ?? `exit ${code}`}) before "${w.event}". Its stderr:\n${this.#stderr}`));
        resolve({ code, signal });
      });
    });
  }

  /**
   * The next message with this event (earlier messages of other events stay
   * queued). Each call takes one message: to race two processes for an
   * event, keep the promises and await the loser's one later.
   */
  next(event: string): Promise<Message> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ event, resolve, reject });
      this.#deliver();
      if (this.#ended) this.#deliver(true);
    });
  }

  send(command: Record<string, unknown>): void {
    this.#process.stdin.write(`${JSON.stringify(command)}\n`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.#process.kill(signal);
  }

  get stderr(): string {
    return this.#stderr;
  }

  #deliver(ended = false): void {
    for (const waiter of [...this.#waiting]) {
      const at = this.#messages.findIndex((m) => m.event === waiter.event || m.event === 'failed');
      if (at >= 0) {
        const [message] = this.#messages.splice(at, 1);
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        if (message!.event === 'failed') waiter.reject(new Error(`${this.name} failed: ${String(message!.error)}\n${this.#stderr}`));
        else waiter.resolve(message!);
      } else if (ended) {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        waiter.reject(new Error(`${this.name} has ended; no "${waiter.event}" came. Its stderr:\n${this.#stderr}`));
      }
    }
  }
}

/** Kills every child and waits until each has exited, so no replica outlives its test. */
export async function killAll(children: readonly ChildProcess[]): Promise<void> {
  for (const child of children) child.kill();
  await Promise.all(children.map((child) => child.exited));
}
