import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { parseSpreadsheetId } from '../../src/sheets/spreadsheet-id.ts';
import { stateSchema } from '../../src/store/state.ts';
import { SERVICE_ACCOUNT_EMAIL, serviceAccount, SPREADSHEET_ID } from './helpers.ts';

function keyFile(contents: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'psw-key-')), 'key.json');
  writeFileSync(file, contents);
  return file;
}

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('Google Sheets settings', () => {
  it('are all optional: without them the bot runs without Sheets, and the job keeps its default schedule', () => {
    const config = loadConfig({});
    expect(config.sheets).toBeNull();
    expect(config.sheetsSyncSchedule).toBe('*/10 * * * *');
  });

  it('read the service account from a key file, and the spreadsheet from its whole address', () => {
    const config = loadConfig({
      GOOGLE_APPLICATION_CREDENTIALS: keyFile(serviceAccount().keyJson),
      GOOGLE_SHEETS_SPREADSHEET_ID: `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=0`,
      SHEETS_SYNC_SCHEDULE: '0 7-18 * * mon-fri',
    });
    expect(config.sheets).toMatchObject({
      defaultSpreadsheetId: SPREADSHEET_ID,
      apiUrl: 'https://sheets.googleapis.com/',
      serviceAccount: { clientEmail: SERVICE_ACCOUNT_EMAIL, privateKeyId: 'k1', privateKey: expect.stringContaining('BEGIN PRIVATE KEY') as unknown },
    });
    expect(config.sheetsSyncSchedule).toBe('0 7-18 * * mon-fri');
  });

  it('read the key itself from GOOGLE_SERVICE_ACCOUNT_JSON, with no spreadsheet (networks choose their own)', () => {
    const config = loadConfig({ GOOGLE_SERVICE_ACCOUNT_JSON: serviceAccount().keyJson, GOOGLE_SHEETS_API_URL: 'http://127.0.0.1:8089' });
    expect(config.sheets).toMatchObject({ defaultSpreadsheetId: null, apiUrl: 'http://127.0.0.1:8089/' });
  });

  it.each([
    [{ GOOGLE_APPLICATION_CREDENTIALS: '/no/such/key.json' }, '- GOOGLE_APPLICATION_CREDENTIALS="/no/such/key.json" cannot be read (ENOENT). Set it to the path of the service account\'s JSON key file'],
    [{ GOOGLE_APPLICATION_CREDENTIALS: keyFile('{ not json') }, 'is not a JSON key (it does not parse as JSON)'],
    [{ GOOGLE_APPLICATION_CREDENTIALS: keyFile('{"type":"authorized_user","client_id":"x"}') }, 'is not a service account key (its "type" is not "service_account")'],
    [{ GOOGLE_APPLICATION_CREDENTIALS: keyFile('{"type":"service_account","client_email":"bot@x.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\\nnope\\n-----END PRIVATE KEY-----\\n"}') }, 'has a "private_key" that is not a valid PEM private key'],
    [{ GOOGLE_APPLICATION_CREDENTIALS: keyFile('{"type":"service_account","private_key":"x"}') }, 'is a service account key without a valid "client_email"'],
    [{ GOOGLE_SHEETS_SPREADSHEET_ID: SPREADSHEET_ID }, 'GOOGLE_SHEETS_SPREADSHEET_ID is set but the bot has no Google service account to write with'],
    [{ GOOGLE_SHEETS_SPREADSHEET_ID: 'my sheet' }, '- GOOGLE_SHEETS_SPREADSHEET_ID="my sheet" is not usable: "my sheet" is not a spreadsheet ID'],
    [{ GOOGLE_SHEETS_API_URL: 'https://example.org/sheets/' }, '- GOOGLE_SHEETS_API_URL="https://example.org/sheets/" is not an API root address'],
    [{ GOOGLE_SHEETS_API_URL: 'sheets.googleapis.com' }, '- GOOGLE_SHEETS_API_URL="sheets.googleapis.com" is not an API root address'],
    [{ SHEETS_SYNC_SCHEDULE: 'every 10 minutes' }, '- SHEETS_SYNC_SCHEDULE="every 10 minutes" is not a schedule the bot can run: "every 10 minutes" has 3 fields; a schedule has five'],
    [{ SHEETS_SYNC_SCHEDULE: '*/10 * * * 8' }, 'day of the week 8 is out of range (0-7)'],
  ])('stop start-up naming the setting: %j', (env, expected) => {
    const message = refusal(env);
    expect(message).toMatch(/^Invalid configuration:\n- /);
    expect(message).toContain(expected);
  });

  it('never echo the key itself in a refusal', () => {
    const secret = JSON.stringify({ type: 'service_account', client_email: 'x', private_key: 'SECRET-KEY-MATERIAL' });
    const message = refusal({ GOOGLE_SERVICE_ACCOUNT_JSON: secret });
    expect(message).toContain('- GOOGLE_SERVICE_ACCOUNT_JSON=(hidden) is a service account key without a valid "client_email"');
    expect(message).not.toContain('SECRET-KEY-MATERIAL');
  });

  it('in .env.example are all valid as shipped, and leave Sheets off', () => {
    const example = parseEnv(readFileSync(path.join(import.meta.dirname, '../../.env.example'), 'utf8'));
    for (const name of ['GOOGLE_SHEETS_SPREADSHEET_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'GOOGLE_SHEETS_API_URL', 'SHEETS_SYNC_SCHEDULE']) expect(example).toHaveProperty(name);
    const config = loadConfig(example);
    expect(config.sheets).toBeNull();
    expect(config.sheetsSyncSchedule).toBe('*/10 * * * *');
  });

  it('refuse a key given twice', () => {
    expect(refusal({ GOOGLE_APPLICATION_CREDENTIALS: keyFile(serviceAccount().keyJson), GOOGLE_SERVICE_ACCOUNT_JSON: serviceAccount().keyJson }))
      .toContain('GOOGLE_APPLICATION_CREDENTIALS and GOOGLE_SERVICE_ACCOUNT_JSON are both set. Set only one');
  });
});

describe('spreadsheet IDs as people paste them', () => {
  it.each([
    [SPREADSHEET_ID, SPREADSHEET_ID],
    [`https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=0`, SPREADSHEET_ID],
    [`https://docs.google.com/spreadsheets/u/1/d/${SPREADSHEET_ID}/edit?usp=sharing`, SPREADSHEET_ID],
    [`<https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit|the action plan>`, SPREADSHEET_ID],
    [`  ${SPREADSHEET_ID}  `, SPREADSHEET_ID],
  ])('%s', (typed, id) => {
    expect(parseSpreadsheetId(typed)).toEqual({ ok: true, id });
  });

  it('refuse other things with a reason', () => {
    expect(parseSpreadsheetId('')).toMatchObject({ ok: false, reason: 'No spreadsheet ID or address was given.' });
    expect(parseSpreadsheetId('https://docs.google.com/document/d/abc/edit')).toMatchObject({ ok: false, reason: expect.stringContaining('not a Google Sheets address') as unknown });
  });
});

describe('SHEETS_SYNC_SCHEDULE', () => {
  it.each(['*/10 * * * *', '0 9 * * 1', '30 8,13 * * mon-fri', '0 0 1 jan,jul *', '0 9-17/2 * * *'])('accepts %s', (e) => {
    expect(loadConfig({ SHEETS_SYNC_SCHEDULE: e }).sheetsSyncSchedule).toBe(e);
  });
  it.each([
    ['* * * *', 'has 4 fields'],
    ['*/30 * * * * *', 'has 6 fields'],
    ['60 * * * *', 'minute 60 is out of range (0-59)'],
    ['*/0 * * * *', 'the step in "*/0" must be 1 or more'],
    ['0 18-9 * * *', '"18-9" runs backwards'],
    ['0 9 * smarch *', '"smarch" is not a month'],
  ])('refuses %s at start-up, with the scheduler\'s own reason', (e, problem) => {
    expect(() => loadConfig({ SHEETS_SYNC_SCHEDULE: e })).toThrow(ConfigError);
    expect(() => loadConfig({ SHEETS_SYNC_SCHEDULE: e })).toThrow(problem);
  });
});

describe('data files from before Sheets sync', () => {
  it('load: a network without spreadsheetId means the default spreadsheet', () => {
    const network = {
      code: 'SW', name: 'South West', channels: ['C1'], roles: { U0CHAIR: 'co-chair' }, adoptedFrameworks: ['CSW2122'], meeting: null,
      standingItems: [], agendaItems: [], decisions: [], lastActionNumber: 0, lastWorkplanNumber: 0, lastAgendaItemNumber: 0, lastDecisionNumber: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const parsed = stateSchema.parse({ schemaVersion: 1, networks: [network], actions: [], workplan: [], frameworks: [] });
    expect(parsed.networks[0]!.spreadsheetId).toBeUndefined();
    expect(stateSchema.parse({ schemaVersion: 1, networks: [{ ...network, spreadsheetId: SPREADSHEET_ID }], actions: [], workplan: [], frameworks: [] }).networks[0]!.spreadsheetId).toBe(SPREADSHEET_ID);
  });
});
