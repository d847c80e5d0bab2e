import { createInterface } from 'node:readline';
import { silentLogger } from '../../../src/logger.ts';
import { PostgresStore } from '../../../src/store/postgres-store.ts';
import type { Leadership } from '../../../src/store/store.ts';

/**
 * One replica contending for leadership, for the leadership test. Commands
 * (JSON lines on stdin): {"do":"try"}, {"do":"await"}, {"do":"release"},
 * {"do":"exit"}. Events: ready, tried {held}, leader, ended {reason}, released, closed.
 */
const [url, name] = process.argv.slice(2);
if (!url || !name) throw new Error('usage: leader.ts <database url> <replica name>');

const emit = (event: string, data: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, replica: name, ...data })}\n`);
};

const store = await PostgresStore.open({ url, replica: name, log: silentLogger(), migrate: false });
let held: Leadership | undefined;
const watch = (leadership: Leadership): void => {
  held = leadership;
  leadership.signal.addEventListener('abort', () => emit('ended', { reason: String(leadership.signal.reason) }), { once: true });
};

emit('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as { do: 'try' | 'await' | 'release' | 'exit' };
  if (command.do === 'try') {
    const leadership = await store.tryLeadership('scheduler');
    if (leadership) watch(leadership);
    emit('tried', { held: leadership !== undefined });
  } else if (command.do === 'await') {
    void store.awaitLeadership('scheduler').then((leadership) => {
      if (!leadership) return;
      watch(leadership);
      emit('leader');
    });
  } else if (command.do === 'release') {
    await held?.release();
    emit('released');
  } else {
    await store.close();
    emit('closed');
    break;
  }
}
