import path from 'node:path';
import type { Reply } from '../../commands/reply.ts';
import { addAction, changeAction, type AddActionInput, type ActionUpdateInput } from '../../src/app/actions.ts';
import { linkChannel } from '../../src/app/networks.ts';
import type { Operation } from '../../src/app/operation.ts';
import { parseServiceAccountKey, type ServiceAccountKey } from '../../src/config.ts';
import type { FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import { silentLogger, type Logger } from '../../src/logger.ts';
import { DeliveryError, type Messenger } from '../../src/messaging/messenger.ts';
import { GoogleSheets, type RetryPolicy } from '../../src/sheets/sheets-client.ts';
import { SheetsSync } from '../../src/sheets/sheets-sync.ts';
import { plain, renderText } from '../../src/shell/render-text.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { FakeSheetsApi, generateServiceAccount } from './fake-sheets-api.ts';

export const SERVICE_ACCOUNT_EMAIL = 'psw-bot@psw-network-bot.iam.gserviceaccount.com';
/** Shaped like a real spreadsheet ID: 44 letters, digits, - and _. */
export const SPREADSHEET_ID = '1Qw3rTy-UiOp_AsDfGhJkLzXcVbNm0123456789abcde';
export const OTHER_SPREADSHEET_ID = '1Zz9yYxXwWvVuUtTsSrRqQpPoOnNmMlLkKjJiIhHgGfF';
/** Monday 30 November 2026, 10:00 in London. */
export const NOW = new Date('2026-11-30T10:00:00Z');
export const CO_CHAIR = 'U0CHAIR';
export const MEMBER = 'U0AAA';
export const CHANNEL = 'C0SW';
export const TAB = 'South West';

let account: { key: ServiceAccountKey; keyJson: string; publicKeyPem: string } | undefined;

/** One RSA key per test file: generating one takes a moment. */
export function serviceAccount(): { key: ServiceAccountKey; keyJson: string; publicKeyPem: string } {
  if (!account) {
    const { keyJson, publicKeyPem } = generateServiceAccount(SERVICE_ACCOUNT_EMAIL);
    const key = parseServiceAccountKey(keyJson);
    if (typeof key === 'string') throw new Error(key);
    account = { key, keyJson, publicKeyPem };
  }
  return account;
}

let catalogue: Promise<FrameworkCatalogue> | undefined;

export function shippedFrameworks(): Promise<FrameworkCatalogue> {
  catalogue ??= loadShippedFrameworks(path.join(import.meta.dirname, '../../data/frameworks'));
  return catalogue;
}

export class RecordingMessenger implements Messenger {
  readonly direct: { to: string; text: string }[] = [];
  readonly undeliverable = new Set<string>();

  postToChannel(): Promise<void> {
    return Promise.reject(new Error('the sync never posts to channels'));
  }

  sendDirect(userId: string, reply: Reply): Promise<void> {
    if (this.undeliverable.has(userId)) return Promise.reject(new DeliveryError('user_not_found', userId));
    this.direct.push({ to: userId, text: plain(renderText(reply)) });
    return Promise.resolve();
  }

  to(userId: string): string[] {
    return this.direct.filter((m) => m.to === userId).map((m) => m.text);
  }
}

export interface World {
  fake: FakeSheetsApi;
  store: MemoryStore;
  messenger: RecordingMessenger;
  sync: SheetsSync;
  api: GoogleSheets;
  /** Every backoff the client or the sync asked for, in ms; nobody really waits. */
  sleeps: number[];
  /** Runs a use case as a person in the network's channel. */
  inTx<T>(userId: string, work: (o: Operation) => Promise<T>): Promise<T>;
  add(count: number, overrides?: Partial<AddActionInput>): Promise<string[]>;
  update(id: string, input: ActionUpdateInput, userId?: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Whether the spreadsheet exists and is shared with the bot. */
  spreadsheet?: 'shared' | 'not-shared' | 'missing';
  retry?: Partial<RetryPolicy>;
  fake?: FakeSheetsApi;
  log?: Logger;
}

export async function world(options: WorldOptions = {}): Promise<World> {
  const { key, publicKeyPem } = serviceAccount();
  const fake = options.fake ?? (await new FakeSheetsApi().start());
  fake.addServiceAccount(key.clientEmail, publicKeyPem);
  const state = options.spreadsheet ?? 'shared';
  if (state !== 'missing') fake.createSpreadsheet(SPREADSHEET_ID, { editors: state === 'shared' ? [key.clientEmail] : [] });
  const store = new MemoryStore();
  const frameworks = await shippedFrameworks();
  const messenger = new RecordingMessenger();
  const sleeps: number[] = [];
  const log = options.log ?? silentLogger();
  const api = new GoogleSheets({
    serviceAccount: key, apiUrl: fake.url, log,
    retry: { sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); }, now: () => NOW.getTime(), ...options.retry },
  });
  const sync = new SheetsSync({ store, shippedFrameworks: frameworks, api, messenger, log, timeZone: 'Europe/London', defaultSpreadsheetId: SPREADSHEET_ID });
  const inTx = <T>(userId: string, work: (o: Operation) => Promise<T>): Promise<T> =>
    store.transaction((tx) => work({ tx, shippedFrameworks: frameworks, now: NOW, timeZone: 'Europe/London', userId, channelId: CHANNEL }));
  await inTx(CO_CHAIR, (o) => linkChannel(o, 'South West'));
  let n = 0;
  return {
    fake, store, messenger, sync, api, sleeps, inTx,
    async add(count, overrides = {}) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        n++;
        const action = await inTx(MEMBER, (o) => addAction(o, {
          title: `Action ${n}: audit s42 safeguarding practice`, owner: MEMBER, priorities: ['CSW2122.1'], timescalePhrase: 'Summer 2027',
          resources: 'QA team time', comments: '', ...overrides,
        }));
        ids.push(action.id);
      }
      return ids;
    },
    async update(id, input, userId = CO_CHAIR) {
      await inTx(userId, (o) => changeAction(o, id, input));
    },
    async close() {
      if (!options.fake) await fake.stop();
    },
  };
}

/** Column index of a header in a tab, as the person sees it. */
export function columnOf(fake: FakeSheetsApi, title: string, header: string): number {
  const index = (fake.grid(SPREADSHEET_ID, title)[0] ?? []).indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in ${title}`);
  return index;
}

/** The row (0-based) holding an action ID. */
export function rowOf(fake: FakeSheetsApi, title: string, id: string): number {
  const idColumn = columnOf(fake, title, 'ID');
  const index = fake.grid(SPREADSHEET_ID, title).findIndex((row) => row[idColumn] === id);
  if (index < 0) throw new Error(`no row for ${id} in ${title}`);
  return index;
}

/** A person typing into a cell. */
export function type(fake: FakeSheetsApi, title: string, row: number, column: number, text: string): void {
  fake.personEdit(SPREADSHEET_ID, [{
    updateCells: { start: { sheetId: fake.sheetIdOf(SPREADSHEET_ID, title), rowIndex: row, columnIndex: column }, rows: [{ values: [{ userEnteredValue: { stringValue: text } }] }], fields: 'userEnteredValue' },
  }]);
}
