import { appendFile, mkdtemp, readFile, writeFile, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/errors.ts';
import { JsonFileStore } from '../../src/store/json-file-store.ts';
import { CURRENT_SCHEMA_VERSION, emptyState } from '../../src/store/state.ts';
import { Harness } from '../harness.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'psw-store-'));
  file = path.join(dir, 'psw.json');
});

async function expectRefusedAndUntouched(content: string, message: RegExp): Promise<void> {
  await writeFile(file, content);
  const before = await stat(file);
  await expect(JsonFileStore.open(file)).rejects.toThrow(message);
  await expect(JsonFileStore.open(file)).rejects.toBeInstanceOf(DataFileError);
  expect(await readFile(file, 'utf8')).toBe(content);
  expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  expect((await readdir(dir)).sort()).toEqual(['psw.json']);
}

describe('the JSON data file', () => {
  it('is created on first start and keeps state across restarts', async () => {
    const first = await Harness.create({ store: await JsonFileStore.open(file) });
    await first.run('/psw network link South West');
    await first.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    await first.store.close();
    const again = await Harness.create({ store: await JsonFileStore.open(file) });
    expect(await again.run('/psw action list')).toContain('SW-1');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION });
  });

  it('refuses a truncated file and leaves it untouched', async () => {
    const h = await Harness.create({ store: await JsonFileStore.open(file) });
    await h.run('/psw network link South West');
    await h.store.close();
    const whole = await readFile(file, 'utf8');
    await expectRefusedAndUntouched(whole.slice(0, Math.floor(whole.length / 2)), /is not valid JSON .*has not been changed/s);
  });

  it('refuses an empty file', async () => {
    await expectRefusedAndUntouched('', /is empty/);
  });

  it('refuses a file that fails validation, naming where', async () => {
    const doc = emptyState();
    const bad = { ...doc, actions: [{ id: 'SW-1', status: 'finished' }] };
    await expectRefusedAndUntouched(JSON.stringify(bad), /failed validation[\s\S]*at actions\.0\.status/);
  });

  it('refuses a file from a newer version of the bot', async () => {
    await expectRefusedAndUntouched(JSON.stringify({ ...emptyState(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }), /newer version of the bot/);
  });

  it('refuses something that is not a bot data file', async () => {
    await expectRefusedAndUntouched('[1,2,3]', /expected a JSON object/);
    await expectRefusedAndUntouched('{"hello":"world"}', /no schemaVersion/);
  });

  it('migrates an older schema step by step and keeps a backup of the original', async () => {
    const old = { schemaVersion: CURRENT_SCHEMA_VERSION - 1, networks: [], actions: [], workplan: [], frameworks: [], legacyField: 'x' };
    const original = JSON.stringify(old);
    await writeFile(file, original);
    const migrations = { [CURRENT_SCHEMA_VERSION - 1]: ({ legacyField: _dropped, ...rest }: Record<string, unknown>) => rest };
    const store = await JsonFileStore.open(file, { migrations });
    expect((await store.health()).ok).toBe(true);
    expect(await readFile(`${file}.schema-${CURRENT_SCHEMA_VERSION - 1}.bak`, 'utf8')).toBe(original);
  });

  it('loses no update when many arrive in quick succession', async () => {
    const h = await Harness.create({ store: await JsonFileStore.open(file) });
    await h.run('/psw network link South West');
    await h.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    const notes = Array.from({ length: 60 }, (_, i) => `update ${i}`);
    const replies = await Promise.all(notes.map((n) => h.run(`/psw action update SW-1 note:"${n}"`)));
    expect(replies.every((r) => r.startsWith('Updated SW-1'))).toBe(true);
    await h.store.close();
    const saved = JSON.parse(await readFile(file, 'utf8')) as { actions: { history: { note?: string }[] }[] };
    expect(saved.actions[0]!.history.map((e) => e.note).slice(1)).toEqual(notes);
  });

  it('allocates unique IDs to actions added at the same moment', async () => {
    const h = await Harness.create({ store: await JsonFileStore.open(file) });
    await h.run('/psw network link South West');
    await Promise.all(Array.from({ length: 25 }, (_, i) => h.run(`/psw action add Task ${i} @U0AAA due:Ongoing priority:CSW2122.1`)));
    await h.store.close();
    const saved = JSON.parse(await readFile(file, 'utf8')) as { actions: { id: string }[] };
    expect(new Set(saved.actions.map((a) => a.id)).size).toBe(25);
  });

  it('discards every write of a command that fails half-way', async () => {
    const store = await JsonFileStore.open(file);
    await expect(store.transaction(async (tx) => {
      await tx.saveRecord('test', 'a', 1);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.transaction((tx) => tx.record('test', 'a'))).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ records: {} });
  });

  it('recovers every committed command from the journal after a crash, then compacts', async () => {
    const crashed = await Harness.create({ store: await JsonFileStore.open(file) });
    await crashed.run('/psw network link South West');
    await crashed.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    await crashed.run('/psw action update SW-1 note:"Still going"');
    expect(await readdir(dir)).toContain('psw.json.journal');
    // No close(): as if the process had been killed.
    const again = await Harness.create({ store: await JsonFileStore.open(file) });
    expect(await again.run('/psw action show SW-1')).toContain('Still going');
    expect((await readdir(dir)).sort()).toEqual(['psw.json']);
  });

  it('moves a line cut off by a crash mid-append aside and keeps everything before it', async () => {
    const crashed = await Harness.create({ store: await JsonFileStore.open(file) });
    await crashed.run('/psw network link South West');
    await crashed.run('/psw action add Audit @U0AAA due:"Autumn 2027" priority:CSW2122.1');
    await appendFile(`${file}.journal`, '[["actions","SW-2",{"id":"SW-2","tit');
    const again = await Harness.create({ store: await JsonFileStore.open(file) });
    expect(await again.run('/psw action list')).toContain('SW-1');
    const files = await readdir(dir);
    const torn = files.find((f) => f.startsWith('psw.json.journal.torn-'));
    expect(torn).toBeDefined();
    expect(await readFile(path.join(dir, torn!), 'utf8')).toMatch(/"tit$/);
  });

  it('refuses a journal with a damaged line in the middle and changes neither file', async () => {
    const crashed = await Harness.create({ store: await JsonFileStore.open(file) });
    await crashed.run('/psw network link South West');
    const snapshot = await readFile(file, 'utf8');
    const journal = `${await readFile(`${file}.journal`, 'utf8')}not json\n[]\n`;
    await writeFile(`${file}.journal`, journal);
    await expect(JsonFileStore.open(file)).rejects.toThrow(/psw\.json\.journal: line 2 is not a valid journal entry/);
    expect(await readFile(file, 'utf8')).toBe(snapshot);
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(journal);
  });

  it('refuses a journal whose rows are invalid', async () => {
    await (await JsonFileStore.open(file)).close();
    await writeFile(`${file}.journal`, '[["actions","SW-1",{"id":"SW-1"}]]\n');
    await expect(JsonFileStore.open(file)).rejects.toThrow(/leaves the data invalid when replayed/);
  });

  it('compacts the journal into the file once it grows past the threshold', async () => {
    const h = await Harness.create({ store: await JsonFileStore.open(file, { compactAfterBytes: 2_000 }) });
    await h.run('/psw network link South West');
    for (let i = 0; i < 5; i++) await h.run(`/psw action add Task ${i} @U0AAA due:Ongoing priority:CSW2122.1`);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { actions: unknown[] };
    expect(saved.actions.length).toBeGreaterThanOrEqual(3);
    expect((await stat(`${file}.journal`).catch(() => undefined))?.size ?? 0).toBeLessThan(2_000);
  });

  it('keeps records across restarts', async () => {
    const store = await JsonFileStore.open(file);
    await store.transaction((tx) => tx.saveRecord('sent', 'U1|SW-1|reminder|2027-05-27', { at: '2027-05-27T08:00:00.000Z' }));
    await store.close();
    const again = await JsonFileStore.open(file);
    expect(await again.transaction((tx) => tx.records('sent'))).toEqual([{ key: 'U1|SW-1|reminder|2027-05-27', value: { at: '2027-05-27T08:00:00.000Z' } }]);
  });
});
