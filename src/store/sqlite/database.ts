/**
 * Opening the SQLite file: pragmas for a single writer with concurrent readers (WAL), and the
 * schema brought up to date by the ordered migrations, each in its own transaction.
 */
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

/** Bytes per page of a new archive file. */
export const PAGE_SIZE = 16384;

/** The database was written by a newer Declass, or needs migrating but was opened read-only. */
export class SchemaVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

export function openDatabase(file: string, readonly: boolean): SqliteDatabase {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  try {
    // Wait for a writer's checkpoint instead of failing at once with SQLITE_BUSY.
    db.pragma('busy_timeout = 5000');
    if (!readonly) {
      // New archives only (an existing file keeps its page size): with 16 KiB pages instead of 4,
      // 1,000,000 documents in bench/scale took 2.28× their text instead of 2.41×, and query p95
      // fell from 121 to 76 ms (fewer, fuller pages for long passages and FTS5 segments).
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, file, readonly);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: SqliteDatabase, file: string, readonly: boolean): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new SchemaVersionError(
      `${file} has schema version ${current}, but this Declass knows versions up to ${LATEST_VERSION}: ` +
        'it was written by a newer Declass. Upgrade Declass, or point --db at another archive.',
    );
  }
  if (current === LATEST_VERSION) return;
  if (readonly) {
    throw new SchemaVersionError(
      `${file} has schema version ${current} and needs migrating to ${LATEST_VERSION}; ` +
        'open it once for writing (e.g. "declass ingest") to upgrade it.',
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      // Re-read under the write lock: another process may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) return;
      // Upgrading an archive can rewrite its index (a long wait on a large archive): say so.
      if (current > 0)
        process.stderr.write(
          `declass: upgrading ${file} to schema version ${migration.version} (${migration.name}) …\n`,
        );
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}

/** The highest applied migration, 0 for a new file. */
export function schemaVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}
