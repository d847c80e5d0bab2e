import type { z } from 'zod';
import { DataFileError } from '../errors.ts';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, stateSchema, type Migration, type StateDocument } from './state.ts';

/**
 * Reading and writing whole state documents: the JSON data file, and the
 * files `npm run export` writes and `npm run import` reads. Every store
 * exports through canonicalState, so the same data gives the same bytes
 * whichever store held it.
 */

export interface DecodedState {
  doc: StateDocument;
  /** The schema version the text was written in; older ones were migrated. */
  fromVersion: number;
}

/**
 * Parses, migrates and validates a state document. `source` names it in
 * messages (a file path). Throws DataFileError saying what is wrong and where.
 */
export function decodeStateDocument(source: string, raw: string, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): DecodedState {
  if (raw.trim() === '') {
    throw new DataFileError(source, 'is empty. It may have been truncated. Restore it from a backup, or move it away to start with no data.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new DataFileError(source, `is not valid JSON (${(error as Error).message}). It may be truncated or hand-edited. Restore it from a backup or fix it; it has not been changed.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DataFileError(source, 'does not hold a PSW bot data document (expected a JSON object). It has not been changed.');
  }
  let doc = parsed as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new DataFileError(source, 'has no schemaVersion, so it was not written by this bot. It has not been changed.');
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new DataFileError(source, `was written by a newer version of the bot (schema ${version}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Upgrade the bot; the file has not been changed.`);
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) throw new DataFileError(source, `uses schema ${v}, which this version cannot upgrade. It has not been changed.`);
    doc = { ...migrate(doc), schemaVersion: v + 1 };
  }
  const result = stateSchema.safeParse(doc);
  if (!result.success) {
    throw new DataFileError(source, `failed validation, so it has not been loaded or changed:\n${describeIssues(result.error)}`);
  }
  const duplicates = duplicateKeys(result.data);
  if (duplicates.length > 0) {
    throw new DataFileError(source, `holds the same key twice, so it has not been loaded or changed:\n${duplicates.slice(0, 10).map((d) => `- ${d}`).join('\n')}`);
  }
  return { doc: result.data, fromVersion: version };
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => `- at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  if (error.issues.length > 10) lines.push(`- and ${error.issues.length - 10} more problems`);
  return lines.join('\n');
}

function duplicateKeys(doc: StateDocument): string[] {
  const found: string[] = [];
  const check = (what: string, keys: string[]): void => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) found.push(`${what} ${key} appears more than once`);
      seen.add(key);
    }
  };
  check('network', doc.networks.map((n) => n.code));
  check('action', doc.actions.map((a) => a.id));
  check('workplan item', doc.workplan.map((w) => w.id));
  check('framework', doc.frameworks.map((f) => f.code));
  return found;
}

const naturally = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return naturally.compare(ka, kb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
  };
}

/**
 * The one order every export uses: entities by their keys in natural order
 * (SW-2 before SW-10), fields in schema order, and the keys of free-form
 * objects (roles, record values) sorted. PostgreSQL's jsonb does not keep
 * key order, so without this the same data would not give the same bytes.
 */
export function canonicalState(doc: StateDocument): StateDocument {
  const parsed = stateSchema.parse(doc);
  const records: StateDocument['records'] = {};
  for (const kind of Object.keys(parsed.records).sort()) {
    const byKey: Record<string, unknown> = {};
    const entries = parsed.records[kind] ?? {};
    for (const key of Object.keys(entries).sort()) byKey[key] = sortKeysDeep(entries[key]);
    records[kind] = byKey;
  }
  return {
    schemaVersion: parsed.schemaVersion,
    networks: parsed.networks.map((n) => ({ ...n, roles: sortKeysDeep(n.roles) })).sort(byKey((n) => n.code)),
    actions: [...parsed.actions].sort(byKey((a) => a.id)),
    workplan: [...parsed.workplan].sort(byKey((w) => w.id)),
    frameworks: [...parsed.frameworks].sort(byKey((f) => f.code)),
    records,
  };
}

function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return sorted as T;
}

/** How much a document holds, for messages ("3 networks, 120 actions..."). */
export function describeContents(doc: StateDocument): string {
  const records = Object.values(doc.records).reduce((n, byKey) => n + Object.keys(byKey).length, 0);
  return `${doc.networks.length} networks, ${doc.actions.length} actions, ${doc.workplan.length} workplan items, ${doc.frameworks.length} imported frameworks and ${records} records`;
}

export function isEmptyState(doc: StateDocument): boolean {
  return doc.networks.length === 0 && doc.actions.length === 0 && doc.workplan.length === 0 && doc.frameworks.length === 0
    && Object.values(doc.records).every((byKey) => Object.keys(byKey).length === 0);
}
