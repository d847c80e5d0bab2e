import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runCommand } from '../commands/dispatch.ts';
import { COMMANDS } from '../commands/index.ts';
import type { CommandContext } from '../commands/types.ts';
import { createAction, updateAction, type Action } from '../src/domain/actions.ts';
import { DEFAULT_ADOPTED_FRAMEWORKS } from '../src/domain/frameworks.ts';
import { newNetwork, REGIONS, type Network } from '../src/domain/networks.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import { silentLogger } from '../src/logger.ts';
import { describeDatabase } from '../src/store/database-url.ts';
import { JsonFileStore } from '../src/store/json-file-store.ts';
import { PostgresStore, reasonOf } from '../src/store/postgres-store.ts';
import { emptyState, type StateDocument } from '../src/store/state.ts';
import type { Store } from '../src/store/store.ts';

/**
 * `node --expose-gc bench/store.bench.ts` (or `npm run bench`): commands per
 * second and latency of the JSON-file store and the PostgreSQL store, side by
 * side, each holding 10,000 actions across the nine regional networks.
 *
 * Each store gets the same seeded sequence of /psw commands through
 * runCommand (parse, use case, one transaction, reply): 20% action add,
 * 40% action update (status and a note: a history entry), 20% action show,
 * 20% action list mine. First one client sending commands one after another,
 * then eight at once (as several Slack users, or several replicas' worth of
 * requests, would).
 *
 * PostgreSQL is the server at BENCH_DATABASE_URL (default the local one the
 * tests use); the bench makes a database of its own and drops it after. If
 * no server answers, it says so and exits with status 1.
 */
const ACTIONS = 10_000;
const SEQUENTIAL_COMMANDS = 400;
const CONCURRENT_COMMANDS = 800;
const CLIENTS = 8;
const WARM_UP = 40;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = new Date('2027-05-27T09:00:00+01:00');
const TIME_ZONE = 'Europe/London';
const CO_CHAIR = 'U0CHAIR';
const OWNERS_PER_NETWORK = 20;

const write = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** A small seeded generator, so both stores get exactly the same commands. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const channelOf = (code: string): string => `C${code}CHANNEL`;
const ownerOf = (code: string, n: number): string => `U${code}${String(n % OWNERS_PER_NETWORK).padStart(3, '0')}`;

/** 10,000 actions spread over the nine networks; a third have been updated once or twice. */
function seedDocument(): StateDocument {
  const next = random(7);
  const networks: Network[] = [];
  const actions: Action[] = [];
  for (const [r, region] of REGIONS.entries()) {
    const count = Math.floor(ACTIONS / REGIONS.length) + (r < ACTIONS % REGIONS.length ? 1 : 0);
    networks.push({ ...newNetwork(region, channelOf(region.code), CO_CHAIR, NOW, DEFAULT_ADOPTED_FRAMEWORKS), lastActionNumber: count });
    for (let n = 1; n <= count; n++) {
      let action = createAction(`${region.code}-${n}`, region.code, {
        title: `Audit of practice area ${n} against the regional action plan`,
        owner: ownerOf(region.code, n),
        priorities: ['CSW2122.1', 'PSW2123.1.3'],
        timescale: { phrase: 'Autumn 2027', due: '2027-11-30', ongoing: false },
        resources: 'QA team time',
      }, CO_CHAIR, new Date(NOW.getTime() - 90 * 86_400_000));
      const updates = Math.floor(next() * 3);
      for (let u = 0; u < updates; u++) action = updateAction(action, { status: u === 0 ? 'in-progress' : 'blocked' }, 'Progress noted at the network meeting', CO_CHAIR, new Date(NOW.getTime() - (60 - u * 20) * 86_400_000));
      actions.push(action);
    }
  }
  return { ...emptyState(), networks, actions };
}

interface Command {
  kind: 'add' | 'update' | 'show' | 'list';
  line: string;
  userId: string;
  channelId: string;
}

function commandSequence(count: number, seed: number): Command[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const perNetwork = Math.floor(ACTIONS / REGIONS.length);
  return Array.from({ length: count }, (_, i): Command => {
    const region = pick(REGIONS);
    const channelId = channelOf(region.code);
    const id = `${region.code}-${1 + Math.floor(next() * perNetwork)}`;
    const roll = next();
    if (roll < 0.2) return { kind: 'add', channelId, userId: CO_CHAIR, line: `/psw action add Benchmark action ${i} @${ownerOf(region.code, i)} due:"Spring 2028" priority:CSW2122.1` };
    if (roll < 0.6) return { kind: 'update', channelId, userId: CO_CHAIR, line: `/psw action update ${id} status:${pick(['in-progress', 'blocked', 'open'])} note:"Benchmark note ${i}"` };
    if (roll < 0.8) return { kind: 'show', channelId, userId: CO_CHAIR, line: `/psw action show ${id}` };
    return { kind: 'list', channelId, userId: ownerOf(region.code, i), line: '/psw action list mine' };
  });
}

interface Timing {
  kind: Command['kind'];
  ms: number;
}

async function runCommands(store: Store, commands: Command[], clients: number): Promise<{ timings: Timing[]; seconds: number }> {
  const shipped = await loadShippedFrameworks(path.join(import.meta.dirname, '../data/frameworks'));
  const log = silentLogger();
  const timings: Timing[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < commands.length) {
      const command = commands[next++]!;
      const ctx: CommandContext = { store, shippedFrameworks: shipped, now: NOW, timeZone: TIME_ZONE, userId: command.userId, channelId: command.channelId, log };
      const t0 = performance.now();
      const reply = await runCommand(command.line, ctx, COMMANDS);
      timings.push({ kind: command.kind, ms: performance.now() - t0 });
      const error = reply.blocks.find((b) => b.type === 'error');
      if (error) throw new Error(`${command.line} was refused: ${JSON.stringify(error)}`);
    }
  }));
  return { timings, seconds: (performance.now() - started) / 1000 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Result {
  perSecond: number;
  p50: number;
  p95: number;
  byKind: Record<Command['kind'], number>;
}

function summarise(run: { timings: Timing[]; seconds: number }): Result {
  const ms = run.timings.map((t) => t.ms);
  const byKind = Object.fromEntries((['add', 'update', 'show', 'list'] as const).map((kind) => [kind, percentile(run.timings.filter((t) => t.kind === kind).map((t) => t.ms), 95)])) as Result['byKind'];
  return { perSecond: run.timings.length / run.seconds, p50: percentile(ms, 50), p95: percentile(ms, 95), byKind };
}

async function measure(label: string, open: () => Promise<Store>): Promise<{ sequential: Result; concurrent: Result; store: Store }> {
  const store = await open();
  await store.importState(seedDocument(), { replace: true });
  await runCommands(store, commandSequence(WARM_UP, 1), 1);
  globalThis.gc?.();
  const sequential = summarise(await runCommands(store, commandSequence(SEQUENTIAL_COMMANDS, 2), 1));
  globalThis.gc?.();
  const concurrent = summarise(await runCommands(store, commandSequence(CONCURRENT_COMMANDS, 3), CLIENTS));
  process.stderr.write(`measured ${label}\n`);
  return { sequential, concurrent, store };
}

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

async function main(): Promise<number> {
  let admin: pg.Client;
  try {
    admin = await adminClient();
  } catch (error) {
    write(`PostgreSQL is not reachable at ${describeDatabase(ADMIN_URL)} (${reasonOf(error)}), so the store benchmark cannot compare the two stores. Start it, or set BENCH_DATABASE_URL.`);
    return 1;
  }
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  const database = `psw_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-bench-'));
  // Other work on the machine moves these figures; the load says how much there was.
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const dataFile = path.join(dir, 'psw.json');
  try {
    const lowdb = await measure('lowdb', () => JsonFileStore.open(dataFile));
    const fileSize = (await stat(dataFile)).size;
    await lowdb.store.close();
    const postgres = await measure('postgres', () => PostgresStore.open({ url: url.toString(), replica: 'bench', log: silentLogger(), poolSize: CLIENTS }));
    const stats = (postgres.store as PostgresStore).stats;
    await postgres.store.close();

    const f = (n: number, digits = 1): string => n.toFixed(digits);
    const cell = (r: Result): string => `${f(r.perSecond)} cmd/s, p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms`;
    const kinds = (r: Result): string => `add ${f(r.byKind.add)}, update ${f(r.byKind.update)}, show ${f(r.byKind.show)}, list ${f(r.byKind.list)}`;
    write(`Store benchmark: ${ACTIONS.toLocaleString('en-GB')} actions in ${REGIONS.length} networks; commands through runCommand: 20% action add, 40% action update, 20% action show, 20% action list mine`);
    write(`Node ${process.version}, PostgreSQL ${version} on 127.0.0.1, ${availableParallelism()} CPUs, load average ${f(loadAtStart, 2)} at start; JSON data file ${f(fileSize / 1_048_576)} MiB after the run`);
    write();
    const rows: [string, string, string][] = [
      ['', 'lowdb (JSON file)', 'PostgreSQL'],
      [`1 client, ${SEQUENTIAL_COMMANDS} commands`, cell(lowdb.sequential), cell(postgres.sequential)],
      ['  p95 by command (ms)', kinds(lowdb.sequential), kinds(postgres.sequential)],
      [`${CLIENTS} clients, ${CONCURRENT_COMMANDS} commands`, cell(lowdb.concurrent), cell(postgres.concurrent)],
      ['  p95 by command (ms)', kinds(lowdb.concurrent), kinds(postgres.concurrent)],
    ];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const row of rows) write(row.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd());
    write();
    write(`PostgreSQL units: ${stats.commits} committed, ${stats.retries} re-run after losing a race, ${stats.conflicts} given up.`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
    const cleanup = await adminClient();
    await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await cleanup.end();
  }
}

process.exitCode = await main();
