/**
 * Google Sheets sync cost: API calls, bytes each way and wall time per sync,
 * for 10, 1,000 and 10,000 actions, against the local fake Sheets API with
 * the real googleapis client and self-signed JWT auth. Calls must not grow
 * with the number of actions: one read, and one write only when something
 * changed.
 *
 *   node --expose-gc bench/sheets.bench.ts      (or: npm run bench -- sheets)
 */
import { createAction, updateAction } from '../src/domain/actions.ts';
import { loadShippedFrameworks } from '../src/framework-files.ts';
import { silentLogger } from '../src/logger.ts';
import type { Messenger } from '../src/messaging/messenger.ts';
import { newNetwork, REGIONS } from '../src/domain/networks.ts';
import { parseServiceAccountKey } from '../src/config.ts';
import { GoogleSheets } from '../src/sheets/sheets-client.ts';
import { SheetsSync } from '../src/sheets/sheets-sync.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { FakeSheetsApi, generateServiceAccount } from '../test/sheets/fake-sheets-api.ts';

const SIZES = [10, 1_000, 10_000];
const SPREADSHEET = '1BenchBenchBenchBenchBenchBenchBenchBench000';
const NOW = new Date('2026-11-30T10:00:00Z');
const EMAIL = 'psw-bot@psw-network-bot.iam.gserviceaccount.com';
const TIMESCALES = [
  { phrase: 'Summer 2027', due: '2027-08-31', ongoing: false },
  { phrase: 'Autumn 2026', due: '2026-11-30', ongoing: false },
  { phrase: 'Ongoing', due: null, ongoing: true },
  { phrase: 'June 2026', due: '2026-06-30', ongoing: false },
];
const STATUSES = ['open', 'in-progress', 'blocked', 'done', 'dropped'] as const;

const quiet: Messenger = { postToChannel: () => Promise.resolve(), sendDirect: () => Promise.resolve() };

interface Row {
  actions: number;
  sync: string;
  gets: number;
  posts: number;
  requests: number;
  sentKb: number;
  receivedKb: number;
  ms: number;
}

async function bench(size: number, fake: FakeSheetsApi, key: ReturnType<typeof parseServiceAccountKey>): Promise<Row[]> {
  if (typeof key === 'string') throw new Error(key);
  fake.createSpreadsheet(SPREADSHEET, { editors: [EMAIL] });
  const store = new MemoryStore();
  const frameworks = await loadShippedFrameworks(new URL('../data/frameworks', import.meta.url).pathname);
  await store.transaction(async (tx) => {
    await tx.saveNetwork({ ...newNetwork(REGIONS.find((r) => r.code === 'SW')!, 'C1', 'U0CHAIR', NOW, ['CSW2122', 'PSW2123']), lastActionNumber: size });
    for (let i = 1; i <= size; i++) {
      const action = createAction(`SW-${i}`, 'SW', {
        title: `Action ${i}: audit section 42 safeguarding practice in adult social care`, owner: `U0${String(i % 40).padStart(3, '0')}`,
        priorities: [i % 2 ? 'CSW2122.1' : 'PSW2123.1.3'], timescale: TIMESCALES[i % TIMESCALES.length]!,
        resources: i % 3 ? 'QA team time' : '', comments: i % 5 ? '' : 'Driver: CSW annual report, section 4.1',
      }, 'U0CHAIR', NOW);
      await tx.saveAction({ ...action, status: STATUSES[i % STATUSES.length]! });
    }
  });
  const api = new GoogleSheets({ serviceAccount: key, apiUrl: fake.url, log: silentLogger() });
  const sync = new SheetsSync({ store, shippedFrameworks: frameworks, api, messenger: quiet, log: silentLogger(), timeZone: 'Europe/London', defaultSpreadsheetId: SPREADSHEET });

  const rows: Row[] = [];
  const measure = async (label: string): Promise<void> => {
    globalThis.gc?.();
    fake.resetStats();
    const started = performance.now();
    const report = await sync.syncSpreadsheet(SPREADSHEET, NOW, { tellCoChairsOfFailure: false });
    const ms = performance.now() - started;
    if (!report.ok) throw new Error(report.failure.message);
    const s = fake.stats;
    rows.push({ actions: size, sync: label, gets: s.gets, posts: s.posts, requests: report.requests, sentKb: s.bytesReceived / 1024, receivedKb: s.bytesSent / 1024, ms });
  };

  await measure('first (creates tabs)');
  await measure('nothing changed');
  // 1% of actions (at least one) changed in the bot, as many statuses typed in the sheet, one new action.
  const step = 100;
  const edits = Math.ceil(size / step);
  await store.transaction(async (tx) => {
    for (let i = 1; i <= size; i += step) {
      const a = (await tx.action(`SW-${i}`))!;
      await tx.saveAction(updateAction(a, { comments: `${a.comments} (reviewed)` }, 'Reviewed at the network meeting', 'U0CHAIR', NOW));
    }
    const network = (await tx.network('SW'))!;
    await tx.saveNetwork({ ...network, lastActionNumber: size + 1 });
    await tx.saveAction(createAction(`SW-${size + 1}`, 'SW', { title: 'One more action', owner: 'U0AAA', priorities: ['CSW2122.4'], timescale: TIMESCALES[0]! }, 'U0CHAIR', NOW));
  });
  const statusColumn = fake.grid(SPREADSHEET, 'South West')[0]!.indexOf('Status');
  const sheetId = fake.sheetIdOf(SPREADSHEET, 'South West');
  fake.personEdit(SPREADSHEET, Array.from({ length: edits }, (_, k) => ({
    updateCells: { start: { sheetId, rowIndex: 2 + k * step, columnIndex: statusColumn }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Blocked' } }] }], fields: 'userEnteredValue' },
  })));
  await measure(`${edits} edited in bot, ${edits} in sheet, 1 new`);
  await measure('nothing changed');
  return rows;
}

function table(rows: Row[]): string {
  const header = ['actions', 'sync', 'GET', 'POST', 'requests in batch', 'KB sent', 'KB received', 'ms'];
  const cells = rows.map((r) => [
    r.actions.toLocaleString('en-GB'), r.sync, String(r.gets), String(r.posts), String(r.requests),
    r.sentKb.toFixed(1), r.receivedKb.toFixed(1), r.ms.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((x, i) => (i === 1 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const { keyJson, publicKeyPem } = generateServiceAccount(EMAIL);
const fake = await new FakeSheetsApi().start();
fake.addServiceAccount(EMAIL, publicKeyPem);
const rows: Row[] = [];
try {
  for (const size of SIZES) rows.push(...await bench(size, fake, parseServiceAccountKey(keyJson)));
} finally {
  await fake.stop();
}
process.stdout.write(`Google Sheets sync against the local fake (real googleapis client, self-signed JWT), Node ${process.version}\n`);
process.stdout.write(`${table(rows)}\n`);
process.stdout.write('KB sent: request bodies the bot uploaded; KB received: response bodies it downloaded. Time includes the fake server.\n');
const calls = new Set(rows.map((r) => `${r.sync}:${r.gets}/${r.posts}`));
if (calls.size !== new Set(rows.map((r) => r.sync)).size) {
  process.stderr.write('API calls per sync changed with the number of actions\n');
  process.exitCode = 1;
}
