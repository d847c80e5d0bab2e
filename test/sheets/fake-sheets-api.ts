import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { sheets_v4 } from '@googleapis/sheets';

/**
 * A local stand-in for the Google Sheets v4 API, for tests and benchmarks.
 * It speaks the wire format of the two calls the bot makes
 * (GET /v4/spreadsheets/{id} with includeGridData and a `fields` mask, and
 * POST /v4/spreadsheets/{id}:batchUpdate with the requests the bot sends),
 * checks the self-signed service-account JWT on every call with the
 * account's public key, answers 401/403/404 as Google does, applies a
 * batch atomically (all requests or none), and refuses writes outside the
 * grid, as the real API does. Faults can be queued; everything is counted.
 *
 * People's edits (typing, inserting, sorting, deleting tabs) go through
 * `personEdit`, which applies the same requests without auth or counting.
 */

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

type ExtendedValue = { stringValue?: string; numberValue?: number; boolValue?: boolean };

interface FakeCell {
  value?: ExtendedValue;
  numberFormat?: sheets_v4.Schema$NumberFormat;
  bold?: boolean;
}

interface DeveloperMetadata {
  metadataId: number;
  metadataKey: string;
  metadataValue: string;
  visibility: string;
  location: { dimensionRange: { sheetId: number; dimension: 'ROWS' | 'COLUMNS'; startIndex: number; endIndex: number } };
}

interface FakeSheet {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  cells: (FakeCell | undefined)[][];
  metadata: DeveloperMetadata[];
  conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  dataValidations: sheets_v4.Schema$SetDataValidationRequest[];
}

interface FakeSpreadsheet {
  id: string;
  title: string;
  sheets: FakeSheet[];
  editors: Set<string>;
  nextId: number;
}

export interface Fault {
  method: 'GET' | 'POST';
  status: number;
  retryAfter?: string;
  /** POST only: apply the batch, then answer with the error anyway. */
  afterApply?: boolean;
  message?: string;
}

export interface FakeStats {
  gets: number;
  posts: number;
  appliedBatchUpdates: number;
  /** Requests inside applied batches, by kind (updateCells, addSheet...). */
  requestKinds: Record<string, number>;
  bytesReceived: number;
  bytesSent: number;
  unauthenticated: number;
}

class ApiError extends Error {
  readonly status: number;
  readonly statusText: string;

  constructor(status: number, statusText: string, message: string) {
    super(message);
    this.status = status;
    this.statusText = statusText;
  }
}

const invalid = (message: string): ApiError => new ApiError(400, 'INVALID_ARGUMENT', message);

export class FakeSheetsApi {
  readonly #spreadsheets = new Map<string, FakeSpreadsheet>();
  readonly #accounts = new Map<string, KeyObject>();
  readonly faults: Fault[] = [];
  stats: FakeStats = emptyStats();
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 500, message: String(error), status: 'INTERNAL' } }));
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  addServiceAccount(email: string, publicKeyPem: string): void {
    this.#accounts.set(email, createPublicKey(publicKeyPem));
  }

  createSpreadsheet(id: string, options: { title?: string; editors?: string[] } = {}): void {
    this.#spreadsheets.set(id, { id, title: options.title ?? 'PSW action plans', sheets: [], editors: new Set(options.editors ?? []), nextId: 1 });
    // A new spreadsheet has one empty tab, as in Google Sheets.
    this.personEdit(id, [{ addSheet: { properties: { sheetId: 0, title: 'Sheet1' } } }]);
  }

  share(id: string, email: string): void {
    this.#spreadsheet(id).editors.add(email);
  }

  /** Applies requests as a person in the browser would cause them: no auth, not counted. */
  personEdit(id: string, requests: sheets_v4.Schema$Request[]): void {
    const spreadsheet = this.#spreadsheet(id);
    this.#spreadsheets.set(id, applyBatch(spreadsheet, requests).spreadsheet);
  }

  tabTitles(id: string): string[] {
    return this.#spreadsheet(id).sheets.map((s) => s.title);
  }

  sheetIdOf(id: string, title: string): number {
    return this.#tab(id, title).sheetId;
  }

  /** What a person sees: formatted values, trailing blanks trimmed. */
  grid(id: string, title: string): string[][] {
    const sheet = this.#tab(id, title);
    return trimRows(Array.from(sheet.cells, (row) => {
      const texts = Array.from(row ?? [], (c) => formattedValue(c));
      while (texts.length > 0 && texts.at(-1) === '') texts.pop();
      return texts;
    }));
  }

  cell(id: string, title: string, row: number, column: number): { text: string; value: ExtendedValue | undefined; numberFormat: sheets_v4.Schema$NumberFormat | undefined } {
    const c = this.#tab(id, title).cells[row]?.[column];
    return { text: formattedValue(c), value: c?.value, numberFormat: c?.numberFormat };
  }

  tabInfo(id: string, title: string): { rowCount: number; columnCount: number; frozenRowCount: number; conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[]; protectedRanges: sheets_v4.Schema$ProtectedRange[]; metadata: DeveloperMetadata[]; dataValidations: number } {
    const s = this.#tab(id, title);
    return { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount, conditionalFormats: s.conditionalFormats, protectedRanges: s.protectedRanges, metadata: s.metadata, dataValidations: s.dataValidations.length };
  }

  #spreadsheet(id: string): FakeSpreadsheet {
    const s = this.#spreadsheets.get(id);
    if (!s) throw new Error(`fake: no spreadsheet ${id}`);
    return s;
  }

  #tab(id: string, title: string): FakeSheet {
    const tab = this.#spreadsheet(id).sheets.find((s) => s.title === title);
    if (!tab) throw new Error(`fake: no tab "${title}" in ${id}`);
    return tab;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    this.stats.bytesReceived += body.length;
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      const text = JSON.stringify(payload);
      this.stats.bytesSent += Buffer.byteLength(text);
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      res.end(text);
    };
    const fail = (error: ApiError, headers: Record<string, string> = {}): void => send(error.status, { error: { code: error.status, message: error.message, status: error.statusText } }, headers);

    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate)?$/.exec(url.pathname);
    const method = req.method === 'POST' ? 'POST' : 'GET';
    if (!match || (method === 'POST') !== (match[2] !== undefined)) {
      fail(new ApiError(404, 'NOT_FOUND', `fake: ${req.method} ${url.pathname} is not implemented`));
      return;
    }
    if (method === 'GET') this.stats.gets++;
    else this.stats.posts++;

    const account = this.#authenticate(req.headers.authorization);
    if (!account) {
      this.stats.unauthenticated++;
      fail(new ApiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'));
      return;
    }
    const spreadsheet = this.#spreadsheets.get(decodeURIComponent(match[1]!));
    if (!spreadsheet) {
      fail(new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.'));
      return;
    }
    if (!spreadsheet.editors.has(account)) {
      fail(new ApiError(403, 'PERMISSION_DENIED', 'The caller does not have permission'));
      return;
    }

    const faultAt = this.faults.findIndex((f) => f.method === method);
    const fault = faultAt >= 0 ? this.faults.splice(faultAt, 1)[0] : undefined;
    const faultResponse = (f: Fault): void => fail(
      new ApiError(f.status, f.status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', f.message ?? (f.status === 429 ? "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'" : 'The service is currently unavailable.')),
      f.retryAfter ? { 'retry-after': f.retryAfter } : {},
    );
    if (fault && !fault.afterApply) {
      faultResponse(fault);
      return;
    }

    try {
      if (method === 'GET') {
        if (url.searchParams.has('ranges')) throw invalid('fake: ranges are not implemented');
        const full = renderSpreadsheet(spreadsheet, url.searchParams.get('includeGridData') === 'true');
        const fields = url.searchParams.get('fields');
        send(200, omitZeros(fields ? applyMask(full, parseMask(fields)) : full));
        return;
      }
      const request = JSON.parse(body.toString('utf8')) as sheets_v4.Schema$BatchUpdateSpreadsheetRequest;
      const { spreadsheet: next, replies } = applyBatch(spreadsheet, request.requests ?? []);
      this.#spreadsheets.set(spreadsheet.id, next);
      this.stats.appliedBatchUpdates++;
      for (const r of request.requests ?? []) for (const kind of Object.keys(r)) this.stats.requestKinds[kind] = (this.stats.requestKinds[kind] ?? 0) + 1;
      if (fault) {
        faultResponse(fault);
        return;
      }
      send(200, { spreadsheetId: spreadsheet.id, replies });
    } catch (error) {
      if (error instanceof ApiError) fail(error);
      else throw error;
    }
  }

  /** The service account's email when the bearer token is a valid self-signed JWT for the Sheets scope. */
  #authenticate(header: string | undefined): string | undefined {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const parts = token?.split('.');
    if (!parts || parts.length !== 3) return undefined;
    const [h, p, signature] = parts as [string, string, string];
    try {
      const head = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss?: string; sub?: string; scope?: string; exp?: number; iat?: number };
      const key = claims.iss === undefined ? undefined : this.#accounts.get(claims.iss);
      if (!key || head.alg !== 'RS256' || claims.sub !== claims.iss) return undefined;
      if (!claims.scope?.split(' ').includes(SHEETS_SCOPE)) return undefined;
      const nowSeconds = Date.now() / 1000;
      if (typeof claims.exp !== 'number' || claims.exp < nowSeconds || typeof claims.iat !== 'number' || claims.iat > nowSeconds + 60) return undefined;
      if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(signature, 'base64url'))) return undefined;
      return claims.iss;
    } catch {
      return undefined;
    }
  }
}

function emptyStats(): FakeStats {
  return { gets: 0, posts: 0, appliedBatchUpdates: 0, requestKinds: {}, bytesReceived: 0, bytesSent: 0, unauthenticated: 0 };
}

/** A service account key file's JSON, with a fresh RSA key; and the public key for the fake. */
export function generateServiceAccount(email: string): { keyJson: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyJson = JSON.stringify({
    type: 'service_account',
    project_id: 'psw-bot-test',
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: email,
    client_id: '1',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { keyJson, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

// ---------------------------------------------------------------- reading

function renderSpreadsheet(s: FakeSpreadsheet, includeGridData: boolean): sheets_v4.Schema$Spreadsheet {
  return {
    spreadsheetId: s.id,
    properties: { title: s.title, locale: 'en_GB', timeZone: 'Europe/London' },
    sheets: s.sheets.map((sheet, index) => ({
      properties: {
        sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID',
        gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount, frozenRowCount: sheet.frozenRowCount },
      },
      conditionalFormats: sheet.conditionalFormats,
      protectedRanges: sheet.protectedRanges,
      ...(includeGridData && {
        data: [{
          rowData: trimRows(Array.from(sheet.cells, (row) => trimCells(Array.from(row ?? [], renderCell)))).map((values) => (values.length ? { values } : {})),
          rowMetadata: Array.from({ length: sheet.rowCount }, () => ({ pixelSize: 21 })),
          columnMetadata: Array.from({ length: sheet.columnCount }, (_, c) => {
            const metadata = sheet.metadata.filter((m) => m.location.dimensionRange.dimension === 'COLUMNS' && m.location.dimensionRange.startIndex === c);
            return { pixelSize: 100, ...(metadata.length > 0 && { developerMetadata: metadata }) };
          }),
        }],
      }),
    })),
  };
}

function renderCell(cell: FakeCell | undefined): sheets_v4.Schema$CellData | undefined {
  if (!cell || (cell.value === undefined && cell.numberFormat === undefined && !cell.bold)) return undefined;
  return {
    ...(cell.value && { userEnteredValue: cell.value, effectiveValue: cell.value, formattedValue: formattedValue(cell) }),
    ...((cell.numberFormat || cell.bold) && { userEnteredFormat: { ...(cell.numberFormat && { numberFormat: cell.numberFormat }), ...(cell.bold && { textFormat: { bold: true } }) } }),
  };
}

function formattedValue(cell: FakeCell | undefined): string {
  const v = cell?.value;
  if (!v) return '';
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue ? 'TRUE' : 'FALSE';
  if (v.numberValue === undefined) return '';
  if (cell?.numberFormat?.type === 'DATE') {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(v.numberValue) * 86_400_000);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return (cell.numberFormat.pattern ?? 'dd/mm/yyyy').replace('dd', pad(d.getUTCDate())).replace('mm', pad(d.getUTCMonth() + 1)).replace('yyyy', String(d.getUTCFullYear()));
  }
  return String(v.numberValue);
}

function trimCells<T>(cells: (T | undefined | '')[]): (T | Record<string, never>)[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] === undefined || cells[end - 1] === '')) end--;
  return Array.from(cells.slice(0, end), (c): T | Record<string, never> => (c === undefined || c === '' ? {} : c));
}

function trimRows<T>(rows: T[][]): T[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.length === 0) end--;
  return rows.slice(0, end);
}

/** Google leaves zero-valued indexes out of its answers (sheetId 0, startRowIndex 0...). */
const ZERO_OMITTED = new Set(['sheetId', 'index', 'startRowIndex', 'startColumnIndex', 'startIndex', 'frozenRowCount', 'startRow', 'startColumn']);

function omitZeros(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(omitZeros);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => !(ZERO_OMITTED.has(k) && v === 0)).map(([k, v]) => [k, omitZeros(v)]));
}

type Mask = Map<string, Mask | null>;

/** Parses a partial-response mask: "a,b.c,d(e,f(g))" (dots or slashes for single paths). */
export function parseMask(text: string): Mask {
  let i = 0;
  const name = (): string => {
    const m = /^[A-Za-z0-9_*]+/.exec(text.slice(i));
    if (!m) throw invalid(`fake: bad fields mask at ${i}: ${text}`);
    i += m[0].length;
    return m[0];
  };
  const merge = (into: Mask, key: string, sub: Mask | null): void => {
    const had = into.get(key);
    if (had === null || sub === null) into.set(key, null);
    else if (had === undefined) into.set(key, sub);
    else for (const [k, v] of sub) merge(had, k, v);
  };
  const path = (into: Mask): void => {
    const key = name();
    if (text[i] === '.' || text[i] === '/') {
      i++;
      const sub: Mask = new Map();
      path(sub);
      merge(into, key, sub);
    } else if (text[i] === '(') {
      i++;
      const sub = list();
      if (text[i] !== ')') throw invalid(`fake: unbalanced fields mask: ${text}`);
      i++;
      merge(into, key, sub);
    } else {
      merge(into, key, null);
    }
  };
  const list = (): Mask => {
    const mask: Mask = new Map();
    path(mask);
    while (text[i] === ',') {
      i++;
      path(mask);
    }
    return mask;
  };
  const mask = list();
  if (i !== text.length) throw invalid(`fake: bad fields mask: ${text}`);
  return mask;
}

function applyMask(value: unknown, mask: Mask | null): unknown {
  if (mask === null || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask) ?? {});
  if (mask.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const picked = applyMask((value as Record<string, unknown>)[key], sub);
    if (picked === undefined) continue;
    if (typeof picked === 'object' && picked !== null && !Array.isArray(picked) && Object.keys(picked).length === 0) continue;
    out[key] = picked;
  }
  return out;
}

// ---------------------------------------------------------------- writing

/** Applies every request or none (the API's batches are atomic); the spreadsheet given is not changed. */
function applyBatch(original: FakeSpreadsheet, requests: sheets_v4.Schema$Request[]): { spreadsheet: FakeSpreadsheet; replies: sheets_v4.Schema$Response[] } {
  const s: FakeSpreadsheet = { ...original, sheets: [...original.sheets], editors: original.editors };
  const copied = new Set<number>();
  /** Copy-on-write, so a failed batch leaves the original untouched without cloning every cell. */
  const sheet = (sheetId: number | null | undefined, where: string): FakeSheet => {
    const at = s.sheets.findIndex((x) => x.sheetId === (sheetId ?? 0));
    if (at < 0) throw invalid(`Invalid requests[${where}]: No grid with id: ${sheetId ?? 0}`);
    if (!copied.has(at)) {
      const x = s.sheets[at]!;
      s.sheets[at] = {
        ...x, cells: x.cells.map((row) => (row ? [...row] : row)), metadata: structuredClone(x.metadata),
        conditionalFormats: structuredClone(x.conditionalFormats), protectedRanges: structuredClone(x.protectedRanges), dataValidations: [...x.dataValidations],
      };
      copied.add(at);
    }
    return s.sheets[at]!;
  };
  const replies = requests.map((request, i): sheets_v4.Schema$Response => {
    const kinds = Object.keys(request);
    if (kinds.length !== 1) throw invalid(`Invalid requests[${i}]: exactly one kind of request expected, got ${kinds.join(', ') || 'none'}`);
    const where = `${i}].${kinds[0]}`;
    if (request.addSheet) return { addSheet: { properties: addSheet(s, request.addSheet, where) } };
    if (request.deleteSheet) {
      const at = s.sheets.findIndex((x) => x.sheetId === (request.deleteSheet!.sheetId ?? 0));
      if (at < 0) throw invalid(`Invalid requests[${where}]: No sheet with id: ${request.deleteSheet.sheetId}`);
      s.sheets.splice(at, 1);
      copied.clear();
      return {};
    }
    if (request.updateSheetProperties) {
      const { properties, fields } = request.updateSheetProperties;
      const target = sheet(properties?.sheetId, where);
      for (const field of (fields ?? '').split(',')) {
        if (field === 'title') {
          if (s.sheets.some((x) => x !== target && x.title === properties?.title)) throw invalid(`Invalid requests[${where}]: A sheet with the name "${properties?.title}" already exists. Please enter another name.`);
          target.title = properties?.title ?? '';
        } else if (field === 'gridProperties.frozenRowCount') target.frozenRowCount = properties?.gridProperties?.frozenRowCount ?? 0;
        else throw invalid(`fake: updateSheetProperties field ${field} is not implemented`);
      }
      return {};
    }
    if (request.appendDimension) {
      const { sheetId, dimension, length } = request.appendDimension;
      const target = sheet(sheetId, where);
      if (!length || length < 1) throw invalid(`Invalid requests[${where}]: length must be positive`);
      if (dimension === 'ROWS') target.rowCount += length;
      else target.columnCount += length;
      return {};
    }
    if (request.insertDimension) {
      const range = request.insertDimension.range ?? {};
      insertDimension(sheet(range.sheetId, where), range.dimension === 'ROWS' ? 'ROWS' : 'COLUMNS', range.startIndex ?? 0, (range.endIndex ?? 0) - (range.startIndex ?? 0), where);
      return {};
    }
    if (request.deleteDimension) {
      const range = request.deleteDimension.range ?? {};
      deleteDimension(sheet(range.sheetId, where), range.dimension === 'ROWS' ? 'ROWS' : 'COLUMNS', range.startIndex ?? 0, range.endIndex ?? 0);
      return {};
    }
    if (request.updateCells) {
      updateCells(sheet(request.updateCells.start?.sheetId ?? request.updateCells.range?.sheetId, where), request.updateCells, where);
      return {};
    }
    if (request.sortRange) {
      sortRange(sheet(request.sortRange.range?.sheetId, where), request.sortRange);
      return {};
    }
    if (request.createDeveloperMetadata) {
      const m = request.createDeveloperMetadata.developerMetadata ?? {};
      const range = m.location?.dimensionRange;
      if (!range || !m.metadataKey) throw invalid(`Invalid requests[${where}]: developer metadata needs a key and a dimension range location`);
      const target = sheet(range.sheetId, where);
      const count = range.dimension === 'ROWS' ? target.rowCount : target.columnCount;
      if ((range.startIndex ?? 0) < 0 || (range.endIndex ?? 0) > count || (range.startIndex ?? 0) >= (range.endIndex ?? 0)) throw invalid(`Invalid requests[${where}]: dimension range outside the grid`);
      const created: DeveloperMetadata = {
        metadataId: s.nextId++, metadataKey: m.metadataKey, metadataValue: m.metadataValue ?? '', visibility: m.visibility ?? 'DOCUMENT',
        location: { dimensionRange: { sheetId: target.sheetId, dimension: range.dimension === 'ROWS' ? 'ROWS' : 'COLUMNS', startIndex: range.startIndex ?? 0, endIndex: range.endIndex ?? 0 } },
      };
      target.metadata.push(created);
      return { createDeveloperMetadata: { developerMetadata: created } };
    }
    if (request.addConditionalFormatRule) {
      const rule = request.addConditionalFormatRule.rule ?? {};
      const ranges = rule.ranges ?? [];
      if (ranges.length === 0) throw invalid(`Invalid requests[${where}]: a conditional format rule needs a range`);
      const target = sheet(ranges[0]!.sheetId, where);
      target.conditionalFormats.splice(request.addConditionalFormatRule.index ?? 0, 0, structuredClone(rule));
      return {};
    }
    if (request.addProtectedRange) {
      const pr = request.addProtectedRange.protectedRange ?? {};
      const target = sheet(pr.range?.sheetId, where);
      const created = { ...structuredClone(pr), protectedRangeId: s.nextId++ };
      target.protectedRanges.push(created);
      return { addProtectedRange: { protectedRange: created } };
    }
    if (request.setDataValidation) {
      sheet(request.setDataValidation.range?.sheetId, where).dataValidations.push(structuredClone(request.setDataValidation));
      return {};
    }
    throw invalid(`Invalid requests[${i}]: fake: ${kinds[0]} is not implemented`);
  });
  return { spreadsheet: s, replies };
}

function addSheet(s: FakeSpreadsheet, request: sheets_v4.Schema$AddSheetRequest, where: string): sheets_v4.Schema$SheetProperties {
  const p = request.properties ?? {};
  const title = p.title ?? `Sheet${s.sheets.length + 1}`;
  if (s.sheets.some((x) => x.title === title)) throw invalid(`Invalid requests[${where}]: A sheet with the name "${title}" already exists. Please enter another name.`);
  const sheetId = p.sheetId ?? s.nextId++;
  if (s.sheets.some((x) => x.sheetId === sheetId)) throw invalid(`Invalid requests[${where}]: Sheet with id ${sheetId} already exists.`);
  const grid = p.gridProperties ?? {};
  s.sheets.push({
    sheetId, title, rowCount: grid.rowCount ?? 1000, columnCount: grid.columnCount ?? 26, frozenRowCount: grid.frozenRowCount ?? 0,
    cells: [], metadata: [], conditionalFormats: [], protectedRanges: [], dataValidations: [],
  });
  return { sheetId, title, index: s.sheets.length - 1, gridProperties: { rowCount: grid.rowCount ?? 1000, columnCount: grid.columnCount ?? 26, frozenRowCount: grid.frozenRowCount ?? 0 } };
}

function updateCells(target: FakeSheet, request: sheets_v4.Schema$UpdateCellsRequest, where: string): void {
  if (!request.start) throw invalid(`fake: updateCells with a range is not implemented (requests[${where}])`);
  const fields = (request.fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) throw invalid(`Invalid requests[${where}]: At least one field must be specified.`);
  const known = ['userEnteredValue', 'userEnteredFormat.numberFormat', 'userEnteredFormat.textFormat.bold', '*'];
  for (const f of fields) if (!known.includes(f)) throw invalid(`fake: updateCells field ${f} is not implemented`);
  const all = fields.includes('*');
  const r0 = request.start.rowIndex ?? 0;
  const c0 = request.start.columnIndex ?? 0;
  (request.rows ?? []).forEach((row, r) => {
    (row.values ?? []).forEach((data, c) => {
      const ri = r0 + r;
      const ci = c0 + c;
      if (ri >= target.rowCount || ci >= target.columnCount) {
        throw invalid(`Invalid requests[${where}]: Range (${target.title}!R${ri + 1}C${ci + 1}) exceeds grid limits. Max rows: ${target.rowCount}, max columns: ${target.columnCount}`);
      }
      const cells = (target.cells[ri] ??= []);
      const next: FakeCell = { ...cells[ci] };
      if (all || fields.includes('userEnteredValue')) {
        const v = data.userEnteredValue;
        if (v?.formulaValue !== undefined && v.formulaValue !== null) throw invalid('fake: formulas are not implemented');
        if (v && (v.stringValue != null || v.numberValue != null || v.boolValue != null)) {
          next.value = v.stringValue != null ? { stringValue: v.stringValue } : v.numberValue != null ? { numberValue: v.numberValue } : { boolValue: v.boolValue! };
        } else delete next.value;
      }
      if (all || fields.includes('userEnteredFormat.numberFormat')) {
        if (data.userEnteredFormat?.numberFormat) next.numberFormat = data.userEnteredFormat.numberFormat;
        else delete next.numberFormat;
      }
      if (all || fields.includes('userEnteredFormat.textFormat.bold')) next.bold = data.userEnteredFormat?.textFormat?.bold ?? false;
      cells[ci] = next;
    });
  });
}

/** Inserting moves cells, developer metadata, rules and protections, as in Google Sheets. */
function insertDimension(target: FakeSheet, dimension: 'ROWS' | 'COLUMNS', at: number, count: number, where: string): void {
  const size = dimension === 'ROWS' ? target.rowCount : target.columnCount;
  if (count < 1 || at < 0 || at > size) throw invalid(`Invalid requests[${where}]: insert range outside the grid`);
  const blanks = (): undefined[] => Array.from({ length: count }, () => undefined);
  if (dimension === 'ROWS') {
    if (at < target.cells.length) target.cells.splice(at, 0, ...blanks().map(() => []));
    target.rowCount += count;
  } else {
    target.cells = target.cells.map((row) => {
      if (!row || at > row.length) return row;
      const copy = [...row];
      copy.splice(at, 0, ...blanks());
      return copy;
    });
    target.columnCount += count;
  }
  shiftEverything(target, dimension, (i) => (i >= at ? i + count : i));
}

function deleteDimension(target: FakeSheet, dimension: 'ROWS' | 'COLUMNS', start: number, end: number): void {
  const count = end - start;
  if (dimension === 'ROWS') {
    target.cells.splice(start, count);
    target.rowCount -= count;
  } else {
    target.cells = target.cells.map((row) => (row ? row.filter((_, c) => c < start || c >= end) : row));
    target.columnCount -= count;
  }
  target.metadata = target.metadata.filter((m) => m.location.dimensionRange.dimension !== dimension || m.location.dimensionRange.endIndex <= start || m.location.dimensionRange.startIndex >= end);
  shiftEverything(target, dimension, (i) => (i >= end ? i - count : i));
}

function shiftEverything(target: FakeSheet, dimension: 'ROWS' | 'COLUMNS', shift: (index: number) => number): void {
  for (const m of target.metadata) {
    const r = m.location.dimensionRange;
    if (r.dimension !== dimension) continue;
    r.startIndex = shift(r.startIndex);
    r.endIndex = shift(r.endIndex - 1) + 1;
  }
  const shiftRange = (range: sheets_v4.Schema$GridRange): void => {
    const [start, end] = dimension === 'ROWS' ? ['startRowIndex', 'endRowIndex'] as const : ['startColumnIndex', 'endColumnIndex'] as const;
    if (range[start] != null) range[start] = shift(range[start]);
    if (range[end] != null) range[end] = shift(range[end] - 1) + 1;
  };
  for (const rule of target.conditionalFormats) for (const range of rule.ranges ?? []) shiftRange(range);
  for (const pr of target.protectedRanges) if (pr.range) shiftRange(pr.range);
}

/** Sorts whole rows of the range by one or more columns, as Data > Sort range does. */
function sortRange(target: FakeSheet, request: sheets_v4.Schema$SortRangeRequest): void {
  const start = request.range?.startRowIndex ?? 0;
  const end = request.range?.endRowIndex ?? target.cells.length;
  const rows = Array.from(target.cells.slice(start, end), (row) => row ?? []);
  const specs = request.sortSpecs ?? [];
  rows.sort((a, b) => {
    for (const spec of specs) {
      const c = spec.dimensionIndex ?? 0;
      const x = formattedValue(a[c]);
      const y = formattedValue(b[c]);
      if (x !== y) return (x < y ? -1 : 1) * (spec.sortOrder === 'DESCENDING' ? -1 : 1);
    }
    return 0;
  });
  target.cells.splice(start, rows.length, ...rows);
}
