import { createInterface } from 'node:readline';
import { addAction, changeAction } from '../../../src/app/actions.ts';
import { TransactionConflictError } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import { PostgresStore } from '../../../src/store/postgres-store.ts';
import type { StoreTx } from '../../../src/store/store.ts';
import { MEMBER, operation, shippedFrameworks } from '../../support/fixtures.ts';

/**
 * One replica for the concurrency test: its own process, its own pool, the
 * real use cases. Driven by JSON lines on stdin (see ChildProcess):
 *   {"do":"add","count":500,"parallel":4}       adds actions through addAction
 *   {"do":"update","ids":[...],"parallel":4}     adds a note to each through changeAction
 *   {"do":"claim","keys":[...]}                  claims each key, all at once
 *   {"do":"exit"}
 * and answers each with one event line. A unit given up with
 * TransactionConflictError is tried again, as the person told to would.
 */
const [url, name] = process.argv.slice(2);
if (!url || !name) throw new Error('usage: replica.ts <database url> <replica name>');

const emit = (event: string, data: Record<string, unknown> = {}): void => {
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
};

const store = await PostgresStore.open({ url, replica: name, log: silentLogger(), poolSize: 4 });
const frameworks = await shippedFrameworks();
let toldToRetry = 0;

async function asPerson<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await store.transaction(work);
    } catch (error) {
      if (!(error instanceof TransactionConflictError)) throw error;
      toldToRetry++;
    }
  }
}

/** Runs `count` tasks, `parallel` at a time. */
async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

type Command = { do: 'add'; count: number; parallel: number } | { do: 'update'; ids: string[]; parallel: number } | { do: 'claim'; keys: string[] } | { do: 'exit' };

emit('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  try {
    if (command.do === 'add') {
      const added = await inParallel(command.count, command.parallel, (i) => asPerson((tx) => addAction(operation(tx, frameworks), {
        title: `${name} action ${i}`, owner: MEMBER, priorities: ['CSW2122.1'], timescalePhrase: 'Autumn 2027',
      })));
      emit('added', { ids: added.map((a) => a.id), stats: store.stats, toldToRetry });
    } else if (command.do === 'update') {
      await inParallel(command.ids.length, command.parallel, (i) => asPerson((tx) => changeAction(operation(tx, frameworks), command.ids[i]!, { note: `${name} was here` })));
      emit('updated', { stats: store.stats, toldToRetry });
    } else if (command.do === 'claim') {
      const won = await Promise.all(command.keys.map((key) => asPerson((tx) => tx.claimRecord('job-run', key, { by: name }))));
      emit('claimed', { won: command.keys.filter((_, i) => won[i]) });
    } else {
      await store.close();
      emit('closed', { stats: store.stats, toldToRetry });
      break;
    }
  } catch (error) {
    emit('failed', { error: error instanceof Error ? error.stack : String(error) });
  }
}
