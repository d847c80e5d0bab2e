import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { applyWrites, MemoryStore, type PendingWrites } from './memory-store.ts';
import { decodeStateDocument } from './state-document.ts';
import { CURRENT_SCHEMA_VERSION, emptyState, MIGRATIONS, type Migration, type StateDocument } from './state.ts';
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
    const loaded = raw === null ? null : decodeStateDocument(file, raw, migrations);
    if (loaded && loaded.fromVersion < CURRENT_SCHEMA_VERSION) await copyFile(file, `${file}.schema-${loaded.fromVersion}.bak`);
    const db = new Low<StateDocument>(new StateAdapter(text), emptyState());
    db.data = loaded?.doc ?? emptyState();
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
