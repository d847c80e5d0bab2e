import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../commands/dispatch.ts';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandContext } from '../../commands/types.ts';
import { silentLogger } from '../../src/logger.ts';
import { JsonFileStore } from '../../src/store/json-file-store.ts';
import type { Store } from '../../src/store/store.ts';
import { FRAMEWORKS_DIR, NOW, shippedFrameworks, TIME_ZONE } from '../support/fixtures.ts';
import { sql, useTestDatabase } from '../support/postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `npm run export|import|migrate` as a person would, on the bundled Node, against one store. */
async function cli(tool: 'export' | 'import' | 'migrate', args: string[], target: { dataFile?: string; databaseUrl?: string }): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env, LOG_LEVEL: 'silent', FRAMEWORKS_DIR, DATA_FILE: target.dataFile ?? '', DATABASE_URL: target.databaseUrl ?? '' };
  try {
    const { stderr } = await run(process.execPath, [path.join(ROOT, 'src/cli', `${tool}.ts`), ...args], { env, cwd: ROOT });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

const NEXT_YEAR = `
schema: psw-framework/1
code: CSW2728
title: CSW priorities 2027/28
owner: Chief Social Worker for Adults
published: 2027-04-01
period: { start: 2027-04-01, end: 2028-03-31 }
source: test
priorities:
  - code: CSW2728.1
    title: Strengths-based practice
`;

/** A data file with some of everything: two networks, history, workplan, meetings, an imported framework, records. */
async function populate(store: Store): Promise<void> {
  const shipped = await shippedFrameworks();
  const as = (userId: string, channelId: string): CommandContext => ({
    store, shippedFrameworks: shipped, now: NOW, timeZone: TIME_ZONE, userId, channelId, log: silentLogger(),
    readFile: () => Promise.resolve(NEXT_YEAR),
  });
  const say = async (ctx: CommandContext, line: string): Promise<void> => {
    const reply = await runCommand(line, ctx, COMMANDS);
    const error = reply.blocks.find((b) => b.type === 'error');
    if (error) throw new Error(`${line}: ${JSON.stringify(error)}`);
  };
  const chair = as('U0CHAIR', 'CSOUTHWEST');
  for (const line of [
    '/psw network link South West',
    '/psw network role @U0DEPUTY co-chair',
    '/psw framework import next-year.yaml',
    '/psw framework adopt CSW2728',
    '/psw action add Audit s42 safeguarding practice @U0AAA due:"Spring 2027" priority:CSW2122.1',
    '/psw action add Regional action plan @U0BBB due:"Summer 2027 / Ongoing" priority:CSW2122.4,PSW2123.1.3 resources:"QA team time"',
    '/psw action add Strengths-based audit @U0AAA due:Ongoing priority:CSW2728.1',
    '/psw action update SW-1 status:in-progress note:"Head of Safeguarding consulted"',
    '/psw action update SW-1 rag:amber reason:"Waiting on audit data" due:"Autumn 2027"',
    '/psw action done SW-2',
    '/psw action snooze SW-3 week',
    '/psw workplan add CSW2122.4 Publish the regional PSW action plan',
    '/psw meeting set fortnightly Thursday 10:00',
    '/psw agenda add Feedback from national PSW Chairs meeting',
    '/psw decision Adopt the 2027/28 priorities',
  ]) await say(chair, line);
  const north = as('U0NORTH', 'CNORTHEAST');
  await say(north, '/psw network link North East');
  await say(north, '/psw action add Café conversation: "what matters" 💬 @U0NORTH due:"Q3 2027" priority:PSW2123.3.1');
  await store.transaction(async (tx) => {
    await tx.saveRecord('sent', 'SW-1/due-reminder@2027-05-27', { at: NOW.toISOString(), channel: 'D0AAA', ts: '1.000100' });
    await tx.saveRecord('job-run', 'reminders@2027-05-27T08:00:00.000Z', { status: 'done', replica: 'psw-bot-1', counts: { sent: 2, skipped: 0 } });
    await tx.saveRecord('sheets-sync', 'SW', { cursor: 42, tabs: ['Actions', 'Workplan'] });
  });
}

describe('moving data between the JSON data file and PostgreSQL', () => {
  const db = useTestDatabase();
  let dir: string;
  const file = (name: string): string => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'psw-export-'));
    const store = await JsonFileStore.open(file('lowdb.json'));
    await populate(store);
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips everything, history and records included: JSON file → export → PostgreSQL → export gives the same bytes', async () => {
    expect(await cli('export', ['--out', file('from-lowdb.json')], { dataFile: file('lowdb.json') })).toMatchObject({ code: 0 });
    const exported = JSON.parse(await readFile(file('from-lowdb.json'), 'utf8')) as { actions: { id: string; history: unknown[] }[]; records: Record<string, object> };
    expect(exported.actions.map((a) => a.id)).toEqual(['NE-1', 'SW-1', 'SW-2', 'SW-3']);
    expect(exported.actions.find((a) => a.id === 'SW-1')!.history).toHaveLength(3);
    expect(Object.keys(exported.records).sort()).toEqual(['job-run', 'sent', 'sheets-sync']);

    const imported = await cli('import', [file('from-lowdb.json')], { databaseUrl: db.url });
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stderr).toContain('Imported 2 networks, 4 actions, 1 workplan items, 1 imported frameworks and 3 records');

    expect(await cli('export', ['--out', file('from-postgres.json')], { databaseUrl: db.url })).toMatchObject({ code: 0 });
    expect(await readFile(file('from-postgres.json'), 'utf8')).toBe(await readFile(file('from-lowdb.json'), 'utf8'));

    // And back: PostgreSQL → a new JSON data file → export, the same bytes again.
    expect(await cli('import', [file('from-postgres.json')], { dataFile: file('back.json') })).toMatchObject({ code: 0 });
    expect(await cli('export', ['--out', file('from-back.json')], { dataFile: file('back.json') })).toMatchObject({ code: 0 });
    expect(await readFile(file('from-back.json'), 'utf8')).toBe(await readFile(file('from-lowdb.json'), 'utf8'));
  });

  it('refuses to import over data unless told to replace it, and then replaces it whole', async () => {
    const exportedFile = file('small.json');
    const small = JSON.parse(await readFile(file('from-lowdb.json'), 'utf8')) as { networks: { code: string }[]; actions: { network: string }[]; workplan: unknown[]; frameworks: unknown[]; records: object };
    await writeFile(exportedFile, JSON.stringify({ ...small, networks: small.networks.filter((n) => n.code === 'NE'), actions: small.actions.filter((a) => a.network === 'NE'), workplan: [], frameworks: [], records: {} }));

    const refused = await cli('import', [exportedFile], { databaseUrl: db.url });
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain('already holds 2 networks, 4 actions');
    expect(refused.stderr).toContain('--replace');

    expect(await cli('import', [exportedFile, '--replace'], { databaseUrl: db.url })).toMatchObject({ code: 0 });
    expect(await sql(db.url, 'SELECT id FROM actions')).toEqual([{ id: 'NE-1' }]);
    expect(await sql(db.url, 'SELECT kind FROM records')).toEqual([]);
  });

  it('refuses a file that fails validation, naming what is wrong, and changes nothing', async () => {
    const before = await sql(db.url, 'SELECT id, doc FROM actions ORDER BY id');
    const broken = JSON.parse(await readFile(file('from-lowdb.json'), 'utf8')) as { actions: { status: string }[] };
    broken.actions[1]!.status = 'finished';
    await writeFile(file('broken.json'), JSON.stringify(broken));
    const result = await cli('import', [file('broken.json'), '--replace'], { databaseUrl: db.url });
    expect(result.code).toBe(65);
    expect(result.stderr).toContain('failed validation');
    expect(result.stderr).toContain('at actions.1.status');
    expect(await sql(db.url, 'SELECT id, doc FROM actions ORDER BY id')).toEqual(before);
  });

  it('applies schema steps with npm run migrate, idempotently', async () => {
    const first = await cli('migrate', [], { databaseUrl: db.url });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toMatch(/is up to date \(schema step 1\)/);
    expect((await cli('migrate', [], {})).code).toBe(78);
  });
});
