import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { z } from 'zod';
import { DataFileError } from '../errors.ts';
import { applyWrites, MemoryStore, type PendingWrites } from './memory-store.ts';
import { CURRENT_SCHEMA_VERSION, emptyState, MIGRATIONS, stateSchema, type Migration, type StateDocument } from './state.ts';
import type { StoreHealth } from './store.ts';

/**
 * The embedded default: the whole state in one JSON file, written through
 * lowdb (steno writes a temp file and renames it, so a crash mid-write leaves
 * the previous file whole). One process owns the file; within it, the
 * MemoryStore's queue serialises commands so no update is lost.
 *
 * A file that is unreadable, truncated or fails validation stops start-up
 * and is never written to.
 */
export class JsonFileStore extends MemoryStore {
  readonly #db: Low<StateDocument>;
  readonly #file: string;

  private constructor(file: string, db: Low<StateDocument>) {
    super(db.data);
    this.#file = file;
    this.#db = db;
  }

  static async open(file: string, migrations: Readonly<Record<number, Migration>> = MIGRATIONS): Promise<JsonFileStore> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const text = new TextFile(file);
    const raw = await text.read();
    const loaded = raw === null ? null : await decode(file, raw, migrations);
    const db = new Low<StateDocument>(new StateAdapter(text), emptyState());
    db.data = loaded ?? emptyState();
    if (raw === null) await db.write();
    return new JsonFileStore(file, db);
  }

  protected override async commit(writes: PendingWrites): Promise<void> {
    const undo = applyWrites(this.tables, writes);
    try {
      this.#db.data = this.toDocument();
      await this.#db.write();
    } catch (error) {
      undo();
      throw error;
    }
  }

  override async health(): Promise<StoreHealth> {
    const base = await super.health();
    return { ...base, kind: 'json-file', detail: `${base.detail}, saved to ${this.#file}` };
  }
}

class StateAdapter implements Adapter<StateDocument> {
  readonly #file: TextFile;

  constructor(file: TextFile) {
    this.#file = file;
  }

  read(): Promise<StateDocument | null> {
    // Reading is done once, with validation, in JsonFileStore.open.
    return Promise.reject(new Error('JsonFileStore reads its file only at open'));
  }

  write(doc: StateDocument): Promise<void> {
    return this.#file.write(JSON.stringify(doc, null, 1));
  }
}

async function decode(file: string, raw: string, migrations: Readonly<Record<number, Migration>>): Promise<StateDocument> {
  if (raw.trim() === '') {
    throw new DataFileError(file, 'is empty. It may have been truncated. Restore it from a backup, or move it away to start with no data.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new DataFileError(file, `is not valid JSON (${(error as Error).message}). It may be truncated or hand-edited. Restore it from a backup or fix it; it has not been changed.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DataFileError(file, 'does not hold a PSW bot data document (expected a JSON object). It has not been changed.');
  }
  let doc = parsed as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new DataFileError(file, 'has no schemaVersion, so it was not written by this bot. It has not been changed.');
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new DataFileError(file, `was written by a newer version of the bot (schema ${version}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Upgrade the bot; the file has not been changed.`);
  }
  if (version < CURRENT_SCHEMA_VERSION) {
    await copyFile(file, `${file}.schema-${version}.bak`);
    for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
      const migrate = migrations[v];
      if (!migrate) throw new DataFileError(file, `uses schema ${v}, which this version cannot upgrade. It has not been changed.`);
      doc = { ...migrate(doc), schemaVersion: v + 1 };
    }
  }
  const result = stateSchema.safeParse(doc);
  if (!result.success) {
    throw new DataFileError(file, `failed validation, so it has not been loaded or changed:\n${describeIssues(result.error)}`);
  }
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => `- at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  if (error.issues.length > 10) lines.push(`- and ${error.issues.length - 10} more problems`);
  return lines.join('\n');
}
