/**
 * Reminder sweep benchmark: `node --expose-gc bench/reminders.bench.ts`
 * (or `npm run bench`). Runs the real reminders job over 1,000 to 10,000
 * actions spread across the 9 networks, sending to a counting in-memory
 * messenger with pacing off, on the in-memory store; then on the JSON-file
 * store (1,000 and 2,000 actions) for comparison. Prints time and peak heap, and the cost
 * per action, so linear growth (or its absence) shows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import reminders from '../jobs/reminders.ts';
import type { JobDeps } from '../jobs/types.ts';
import { loadBankHolidays } from '../src/bank-holidays-file.ts';
import { loadConfig } from '../src/config.ts';
import { createAction, type Action, type ActionStatus } from '../src/domain/actions.ts';
import { addDays, localDateAt } from '../src/domain/local-date.ts';
import { newNetwork, REGIONS, type Network } from '../src/domain/networks.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import { silentLogger } from '../src/logger.ts';
import type { Reply } from '../commands/reply.ts';
import type { Messenger } from '../src/messaging/messenger.ts';
import { JsonFileStore } from '../src/store/json-file-store.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { CURRENT_SCHEMA_VERSION, type StateDocument } from '../src/store/state.ts';
import type { Store } from '../src/store/store.ts';

const NOW = new Date('2027-05-27T09:00:00+01:00');
const TIME_ZONE = 'Europe/London';
const ACTIONS_PER_OWNER = 5;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('Run with --expose-gc (npm run bench does) so memory figures start from a collected heap.\n');
  process.exitCode = 1;
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * `count` actions over the 9 networks: due dates from 40 days ago to 40 days
 * ahead, about one in ten done or dropped, one in ten snoozed, one in
 * twenty ongoing; five actions per owner.
 */
function state(count: number): StateDocument {
  const next = random(count);
  const created = new Date('2027-01-04T10:00:00Z');
  const today = localDateAt(NOW, TIME_ZONE);
  const networks: Network[] = REGIONS.map((region, i) => ({
    ...newNetwork(region, `C${region.code}`, `UCHAIR${i}A`, created, ['CSW2122', 'PSW2123']),
    roles: { [`UCHAIR${i}A`]: 'co-chair', [`UCHAIR${i}B`]: 'co-chair' },
  }));
  const actions: Action[] = [];
  for (let n = 0; n < count; n++) {
    const network = networks[n % networks.length]!;
    const number = ++network.lastActionNumber;
    const ongoing = next() < 0.05;
    const due = ongoing ? null : addDays(today, Math.floor(next() * 81) - 40);
    const roll = next();
    const status: ActionStatus = roll < 0.07 ? 'done' : roll < 0.1 ? 'dropped' : roll < 0.2 ? 'in-progress' : 'open';
    const action = createAction(`${network.code}-${number}`, network.code, {
      title: `Workplan action ${number}`,
      owner: `U${network.code}${Math.floor(number / ACTIONS_PER_OWNER)}`,
      priorities: ['CSW2122.4'],
      timescale: { phrase: due ?? 'Ongoing', due, ongoing },
    }, 'UBENCH', created);
    actions.push({ ...action, status, snoozedUntil: next() < 0.1 ? addDays(today, 3) : null });
  }
  return { schemaVersion: CURRENT_SCHEMA_VERSION, networks, actions, workplan: [], frameworks: [], records: {} };
}

/** Counts messages and samples the heap at each one: the sweep never yields to timers, so sampling rides on sends. */
class CountingMessenger implements Messenger {
  count = 0;
  peakHeap = 0;

  postToChannel(_channelId: string, _reply: Reply): Promise<void> {
    return this.#sent();
  }

  sendDirect(_userId: string, _reply: Reply): Promise<void> {
    return this.#sent();
  }

  #sent(): Promise<void> {
    this.count++;
    this.peakHeap = Math.max(this.peakHeap, process.memoryUsage().heapUsed);
    return Promise.resolve();
  }
}

interface Row {
  store: string;
  actions: number;
  owners: number;
  messages: number;
  ms: number;
  peakHeapMb: number;
  rerunMs: number;
}

/**
 * Runs `sweep` `times` times on fresh stores. Times are the fastest run, the
 * one least disturbed by other processes and the garbage collector; peak
 * heap is the median.
 */
async function repeated(times: number, run: () => Promise<Row>): Promise<Row> {
  const rows: Row[] = [];
  for (let i = 0; i < times; i++) rows.push(await run());
  const fastest = (pick: (r: Row) => number): number => Math.min(...rows.map(pick));
  const heaps = rows.map((r) => r.peakHeapMb).sort((a, b) => a - b);
  return { ...rows[0]!, ms: fastest((r) => r.ms), rerunMs: fastest((r) => r.rerunMs), peakHeapMb: heaps[Math.floor(times / 2)]! };
}

async function sweep(label: string, count: number, openStore: (doc: StateDocument) => Promise<Store>, deps: Omit<JobDeps, 'store' | 'messenger'>): Promise<Row> {
  const doc = state(count);
  const store = await openStore(doc);
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  const messenger = new CountingMessenger();
  const started = performance.now();
  const report = await reminders.run({ ...deps, store, messenger }, NOW);
  const ms = performance.now() - started;
  const peak = Math.max(messenger.peakHeap, process.memoryUsage().heapUsed);

  const rerunMessenger = new CountingMessenger();
  const rerunStarted = performance.now();
  const rerun = await reminders.run({ ...deps, store, messenger: rerunMessenger }, NOW);
  const rerunMs = performance.now() - rerunStarted;
  if (rerun.sent !== 0 || rerunMessenger.count !== 0) throw new Error(`the rerun sent ${rerun.sent} messages; it must send none`);
  if (report.sent !== messenger.count) throw new Error(`report says ${report.sent} sent, messenger counted ${messenger.count}`);
  await store.close();
  return {
    store: label, actions: count, owners: Number(report.detail?.owners ?? 0), messages: messenger.count,
    ms, peakHeapMb: (peak - baseline) / 2 ** 20, rerunMs,
  };
}

function print(rows: Row[]): void {
  const header = ['store', 'actions', 'owners', 'messages', 'sweep ms', 'µs/action', 'peak heap +MB', 'KB/action', 'rerun ms', 'µs/action'];
  const lines = rows.map((r) => [
    r.store, r.actions.toLocaleString('en-GB'), String(r.owners), String(r.messages), r.ms.toFixed(0),
    ((r.ms * 1000) / r.actions).toFixed(1), r.peakHeapMb.toFixed(1), ((r.peakHeapMb * 1024) / r.actions).toFixed(2),
    r.rerunMs.toFixed(0), ((r.rerunMs * 1000) / r.actions).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(format).join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig({ MESSAGE_PACING_MS: '0', LOG_LEVEL: 'silent' });
  const deps = {
    config, log: silentLogger(), clock: () => new Date(),
    shippedFrameworks: await loadShippedFrameworks(config.frameworksDir),
    bankHolidays: await loadBankHolidays(config.bankHolidaysFile),
  };
  process.stdout.write(`Reminder sweep at ${NOW.toISOString()} over 9 networks, ${ACTIONS_PER_OWNER} actions per owner; counting messenger, pacing off; Node ${process.version}\n`);
  process.stdout.write('"rerun" is the same sweep again: every message is found in the ledger and none is sent. In-memory rows: fastest time and median peak heap of 5 runs on fresh stores.\n\n');

  await sweep('warm-up', 500, (doc) => Promise.resolve(new MemoryStore(doc)), deps);
  const rows: Row[] = [];
  for (const count of [1_000, 2_000, 5_000, 10_000]) rows.push(await repeated(5, () => sweep('memory', count, (doc) => Promise.resolve(new MemoryStore(doc)), deps)));

  const dir = await mkdtemp(path.join(tmpdir(), 'psw-bench-'));
  try {
    for (const count of [1_000, 2_000, 5_000, 10_000]) {
      rows.push(await sweep('json-file', count, async (doc) => {
        const file = path.join(dir, `psw-${count}.json`);
        await writeFile(file, JSON.stringify(doc));
        return JsonFileStore.open(file);
      }, deps));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  print(rows);
  process.stdout.write('\nmemory: the in-memory store, so the figures are the job itself. json-file: the default store, which appends each commit (one per message: its claim, carrying the previous message’s confirmation) to its journal.\n');
}

await main();
