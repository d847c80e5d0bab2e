import { appendFile, copyFile, mkdir, readFile, stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import { TextFile } from 'lowdb/node';
import type { z } from 'zod';
import { DataFileError } from '../errors.ts';
import { applyWrites, DELETED, MemoryStore, splitRecordKey, type PendingWrites, type TableName, type Tables } from './memory-store.ts';
import { decodeStateDocument } from './state-document.ts';
import { CURRENT_SCHEMA_VERSION, emptyState, MIGRATIONS, stateSchema, type Migration, type StateDocument } from './state.ts';
import type { StoreHealth } from './store.ts';

const TABLES: readonly TableName[] = ['networks', 'actions', 'workplan', 'frameworks', 'records'];

export interface JsonFileStoreOptions {
  migrations?: Readonly<Record<number, Migration>>;
  /** Rewrite the whole file once the journal holds this much (default 4 MB). */
  compactAfterBytes?: number;
}

/** One committed transaction in the journal: [table, key, value] puts a row, [table, key] deletes it. */
type JournalEntry = [TableName, string, unknown] | [TableName, string];

/**
 * The embedded default: the whole state in one JSON file, written through
 * lowdb's TextFile adapter (steno writes a temp file and renames it, so a
 * crash mid-write leaves the previous file whole). One process owns the
 * file; within it, the MemoryStore's queue serialises commands so no update
 * is lost.
 *
 * Rewriting a 10,000-action file on every command costs tens of
 * milliseconds, so each commit instead appends its changed rows as one line
 * to `<file>.journal`, and the file is rewritten (compacted) when the
 * journal passes 4 MB and at every start. Replaying a journal line twice
 * gives the same state, so a crash between compaction's rewrite and its
 * truncation of the journal loses nothing. Row JSON is cached, so
 * compaction serialises only rows that changed.
 *
 * A file or journal that is unreadable, truncated or fails validation stops
 * start-up and is never written to. The one exception is a journal whose
 * last line was cut off by a crash mid-append: that commit never completed
 * (its command was never answered), so the fragment is moved aside to
 * `<file>.journal.torn-<time>` and the rest is used.
 */
export class JsonFileStore extends MemoryStore {
  readonly #file: TextFile;
  readonly #path: string;
  readonly #journal: string;
  readonly #compactAfterBytes: number;
  #journalBytes = 0;
  /** Set when the journal could not be repaired after a failed append; every later commit is refused. */
  #broken: Error | undefined;
  /** Serialised rows, in the order they appear in the file. */
  readonly #rows: Record<TableName, Map<string, string>>;

  private constructor(file: string, doc: StateDocument, compactAfterBytes: number) {
    super(doc);
    this.#compactAfterBytes = compactAfterBytes;
    this.#path = file;
    this.#journal = `${file}.journal`;
    this.#file = new TextFile(file);
    this.#rows = Object.fromEntries(TABLES.map((t) => [t, new Map<string, string>()])) as Record<TableName, Map<string, string>>;
    for (const table of TABLES) {
      for (const [key, value] of this.tables[table] as Map<string, unknown>) this.#rows[table].set(key, serialiseRow(table, key, value));
    }
  }

  static async open(file: string, options: JsonFileStoreOptions = {}): Promise<JsonFileStore> {
    const { migrations = MIGRATIONS, compactAfterBytes = 4 * 1024 * 1024 } = options;
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const raw = await new TextFile(file).read();
    const journal = await readJournal(`${file}.journal`);
    if (raw === null && journal.length > 0) {
      throw new DataFileError(file, `is missing but ${file}.journal exists, so data may have been moved or deleted. Restore the file; nothing has been changed.`);
    }
    let store = new JsonFileStore(file, raw === null ? emptyState() : await decodeSnapshot(file, raw, migrations), compactAfterBytes);
    if (journal.length > 0) {
      for (const entries of journal) applyWrites(store.tables, toWrites(entries));
      store = new JsonFileStore(file, validated(file, store.toDocument()), compactAfterBytes);
    }
    if (raw === null || journal.length > 0) await store.#compact();
    return store;
  }

  protected override async commit(writes: PendingWrites): Promise<void> {
    if (this.#broken) throw this.#broken;
    const line = `${JSON.stringify(journalEntries(writes))}\n`;
    const undoTables = applyWrites(this.tables, writes);
    const undoRows = this.#updateRows(writes);
    try {
      await appendFile(this.#journal, line, 'utf8');
    } catch (error) {
      undoRows();
      undoTables();
      await this.#cutJournalBackTo(this.#journalBytes);
      throw error;
    }
    this.#journalBytes += Buffer.byteLength(line);
    if (this.#journalBytes > this.#compactAfterBytes) await this.#compact();
  }

  /** A clean stop leaves one self-contained file. */
  protected override async onClose(): Promise<void> {
    if (this.#journalBytes > 0 && !this.#broken) await this.#compact();
  }

  /** Rewrites the whole file from the cached rows, then empties the journal. */
  async #compact(): Promise<void> {
    await this.#file.write(this.#text());
    await unlink(this.#journal).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.#journalBytes = 0;
  }

  /** A failed append may have left part of a line; remove it so the next append starts clean. */
  async #cutJournalBackTo(bytes: number): Promise<void> {
    try {
      const size = (await stat(this.#journal).catch(() => undefined))?.size ?? 0;
      if (size > bytes) await truncate(this.#journal, bytes);
    } catch (error) {
      this.#broken = new Error(`The journal ${this.#journal} could not be repaired after a failed write (${(error as Error).message}); restart the bot.`);
    }
  }

  override async health(): Promise<StoreHealth> {
    const base = await super.health();
    return { ...base, kind: 'json-file', detail: `${base.detail}, saved to ${this.#path}` };
  }

  #updateRows(writes: PendingWrites): () => void {
    const undo: (() => void)[] = [];
    for (const table of TABLES) {
      const rows = this.#rows[table];
      for (const [key, value] of writes[table] as Map<string, unknown>) {
        const before = rows.get(key);
        if (value === DELETED) rows.delete(key);
        else rows.set(key, serialiseRow(table, key, value));
        undo.push(() => (before === undefined ? rows.delete(key) : rows.set(key, before)));
      }
    }
    return () => undo.reverse().forEach((u) => u());
  }

  /** The file's text, from cached rows: the same document `stateSchema` validates on load. */
  #text(): string {
    const array = (table: Exclude<TableName, 'records'>): string => {
      const rows = [...this.#rows[table].values()];
      return rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n]`;
    };
    const byKind = new Map<string, string[]>();
    for (const [compound, row] of this.#rows.records) {
      const [kind] = splitRecordKey(compound);
      const rows = byKind.get(kind) ?? [];
      rows.push(row);
      byKind.set(kind, rows);
    }
    const records = [...byKind].map(([kind, rows]) => `${JSON.stringify(kind)}: {\n${rows.join(',\n')}\n}`).join(',\n');
    return `{"schemaVersion": ${CURRENT_SCHEMA_VERSION},\n"networks": ${array('networks')},\n"actions": ${array('actions')},\n"workplan": ${array('workplan')},\n"frameworks": ${array('frameworks')},\n"records": {${records ? `\n${records}\n` : ''}}\n}\n`;
  }
}

function journalEntries(writes: PendingWrites): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const table of TABLES) {
    for (const [key, value] of writes[table] as Map<string, unknown>) entries.push(value === DELETED ? [table, key] : [table, key, value]);
  }
  return entries;
}

/** The journal's complete lines; a cut-off last line is moved aside (see JsonFileStore). */
async function readJournal(journal: string): Promise<JournalEntry[][]> {
  let text: string;
  try {
    text = await readFile(journal, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DataFileError(journal, `cannot be read (${(error as Error).message}).`);
  }
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').filter((l) => l !== '').map((line, i) => {
    try {
      const entries = JSON.parse(line) as unknown;
      if (Array.isArray(entries) && entries.every((e) => Array.isArray(e) && TABLES.includes(e[0] as TableName) && typeof e[1] === 'string' && (e.length === 2 || e.length === 3))) {
        return entries as JournalEntry[];
      }
    } catch {
      // Reported below with the line number.
    }
    throw new DataFileError(journal, `line ${i + 1} is not a valid journal entry. The journal and data file have not been changed; restore them from a backup or remove that line.`);
  });
  if (end < text.length) {
    await copyFile(journal, `${journal}.torn-${Date.now()}`);
    await truncate(journal, Buffer.byteLength(text.slice(0, end)));
  }
  return lines;
}

function toWrites(entries: JournalEntry[]): PendingWrites {
  const writes = Object.fromEntries(TABLES.map((t) => [t, new Map<string, unknown>()])) as unknown as PendingWrites;
  for (const [table, key, ...value] of entries) (writes[table] as Map<string, unknown>).set(key, value.length === 0 ? DELETED : value[0]);
  return writes;
}

function validated(file: string, doc: Record<string, unknown>): StateDocument {
  const result = stateSchema.safeParse(doc);
  if (!result.success) {
    throw new DataFileError(`${file}.journal`, `leaves the data invalid when replayed, so neither file has been loaded or changed:\n${describeIssues(result.error)}`);
  }
  return result.data;
}

function serialiseRow(table: keyof Tables, key: string, value: unknown): string {
  return table === 'records' ? `${JSON.stringify(splitRecordKey(key)[1])}: ${JSON.stringify(value)}` : JSON.stringify(value);
}

/** The file's document, migrated if it was written by an older version (the original is kept as a .bak). */
async function decodeSnapshot(file: string, raw: string, migrations: Readonly<Record<number, Migration>>): Promise<StateDocument> {
  const loaded = decodeStateDocument(file, raw, migrations);
  if (loaded.fromVersion < CURRENT_SCHEMA_VERSION) await copyFile(file, `${file}.schema-${loaded.fromVersion}.bak`);
  return loaded.doc;
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => `- at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  if (error.issues.length > 10) lines.push(`- and ${error.issues.length - 10} more problems`);
  return lines.join('\n');
}
