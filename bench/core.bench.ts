import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { COMMANDS } from '../commands/index.ts';
import { runCommand } from '../commands/dispatch.ts';
import type { CommandContext } from '../commands/types.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import { silentLogger } from '../src/logger.ts';
import { JsonFileStore } from '../src/store/json-file-store.ts';

/**
 * Issue 3's benchmark: 10,000 actions added through the command layer on the
 * JSON-file store, then `action list`, `coverage` and `agenda` timed at
 * 1,000 and 10,000 actions, and the shell's start-up time.
 */
const ROOT = path.join(import.meta.dirname, '..');
const dir = await mkdtemp(path.join(tmpdir(), 'psw-bench-'));
const file = path.join(dir, 'psw.json');
const store = await JsonFileStore.open(file);
const shippedFrameworks = await loadShippedFrameworks(path.join(ROOT, 'data', 'frameworks'));
const now = new Date('2027-05-27T09:00:00+01:00');
const ctx: CommandContext = { store, shippedFrameworks, now, timeZone: 'Europe/London', userId: 'UCHAIR', channelId: 'CBENCH', log: silentLogger() };
const run = (line: string) => runCommand(line, ctx, COMMANDS);

const TIMESCALES = ['Spring 2027', 'Summer 2027', 'Autumn 2027', 'June 2027', 'May-July 2027', 'Ongoing', '30/04/2027', 'Q3 2027', '2027/28'];
const PRIORITIES = ['CSW2122.1', 'CSW2122.2', 'CSW2122.3', 'CSW2122.5', 'PSW2123.1.3', 'PSW2123.2.4', 'PSW2123.3.2'];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function timeCommand(line: string, repeats: number): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const reply = await run(line);
    times.push(performance.now() - t0);
    if (reply.blocks.some((b) => b.type === 'error')) throw new Error(`${line} failed`);
  }
  times.sort((a, b) => a - b);
  return `p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`;
}

await run('/psw network link South West');
await run('/psw meeting set fortnightly Thursday 10:00 from:2027-06-03');
await run('/psw agenda add Feedback from national PSW Chairs meeting');

const addTimes: number[] = [];
const results: string[] = [];
const TOTAL = Number(process.env.BENCH_ACTIONS ?? 10_000);
for (let n = 1; n <= TOTAL; n++) {
  const t0 = performance.now();
  await run(`/psw action add Action number ${n} for the regional plan @U${String(n % 40).padStart(4, '0')}A due:"${TIMESCALES[n % TIMESCALES.length]}" priority:${PRIORITIES[n % PRIORITIES.length]}`);
  addTimes.push(performance.now() - t0);
  if (n === 1_000 || n === TOTAL) {
    const sorted = [...addTimes].sort((a, b) => a - b);
    results.push(`${n.toLocaleString("en-GB")} actions (data file ${((await stat(file)).size / 1e6).toFixed(1)} MB + journal ${(((await stat(`${file}.journal`).catch(() => undefined))?.size ?? 0) / 1e6).toFixed(1)} MB)`);
    results.push(`  action add (last ${sorted.length}): p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms`);
    addTimes.length = 0;
    for (const line of ['/psw action list', '/psw coverage', '/psw agenda']) {
      results.push(`  ${line.padEnd(18)} ${await timeCommand(line, 20)}`);
    }
  }
}
await store.close();

const startTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['src/main.ts'], { cwd: ROOT, input: '/psw help\n', env: { PATH: process.env.PATH ?? '', DATA_FILE: file, LOG_LEVEL: 'silent' } });
  if (r.status !== 0) throw new Error(`shell exited ${r.status}: ${r.stderr.toString()}`);
  startTimes.push(performance.now() - t0);
}
startTimes.sort((a, b) => a - b);

process.stdout.write(`Core commands on the JSON-file store (${process.version})\n${results.join('\n')}\n`);
process.stdout.write(`Shell start-up to first reply and exit, with ${TOTAL.toLocaleString("en-GB")} actions in the file: median ${quantile(startTimes, 0.5).toFixed(0)} ms over ${startTimes.length} runs\n`);
await rm(dir, { recursive: true, force: true });
