import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/errors.ts';
import { JsonFileStore } from '../../src/store/json-file-store.ts';

const network = {
  code: 'SW', name: 'South West', channels: ['CSW'], roles: { ULEAD: 'co-chair' }, adoptedFrameworks: [], meeting: null,
  standingItems: [], agendaItems: [], decisions: [], lastActionNumber: 0, lastWorkplanNumber: 0, lastAgendaItemNumber: 0,
  lastDecisionNumber: 0, createdAt: '2027-01-04T10:00:00.000Z',
};

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function fileWith(networks: unknown[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'psw-state-'));
  dirs.push(dir);
  const file = path.join(dir, 'psw.json');
  await writeFile(file, JSON.stringify({ schemaVersion: 1, networks, actions: [], workplan: [], frameworks: [] }));
  return file;
}

describe('reminder settings in the data file', () => {
  it('loads a data file written before networks had reminder settings', async () => {
    const store = await JsonFileStore.open(await fileWith([network]));
    expect((await store.transaction((tx) => tx.network('SW')))?.reminders).toBeUndefined();
  });

  it('keeps settings a network chose, including a partial choice, across a restart', async () => {
    const file = await fileWith([{ ...network, reminders: { time: { hour: 14, minute: 30 } } }]);
    const store = await JsonFileStore.open(file);
    const sw = (await store.transaction((tx) => tx.network('SW')))!;
    await store.transaction((tx) => tx.saveNetwork({ ...sw, reminders: { ...sw.reminders, daysBefore: 1 } }));
    await store.close();
    const reopened = await JsonFileStore.open(file);
    expect((await reopened.transaction((tx) => tx.network('SW')))?.reminders).toEqual({ time: { hour: 14, minute: 30 }, daysBefore: 1 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ networks: [{ reminders: { daysBefore: 1 } }] });
  });

  it('refuses a hand-edited value out of range, naming where', async () => {
    const file = await fileWith([{ ...network, reminders: { daysBefore: 99 } }]);
    await expect(JsonFileStore.open(file)).rejects.toThrow(DataFileError);
    await expect(JsonFileStore.open(file)).rejects.toThrow(/networks\.0\.reminders\.daysBefore/);
  });
});
