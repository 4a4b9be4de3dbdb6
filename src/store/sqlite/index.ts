/**
 * The embedded archive: one SQLite file (WAL, FTS5) behind the Archive interface.
 *
 *   const archive = await openSqliteArchive('declass.db');
 *   await archive.putCollection(collection, persons);
 *   await archive.putDocument(document);          // 'added' | 'updated' | 'unchanged'
 *   await archive.search({ query: parseQuery('Berlin type:memcon'), facets: true });
 */
import type { Collection, Document, Person } from '../../records/schema.js';
import type { SearchRequest, SearchResponse } from '../../search/types.js';
import type { Archive, ArchiveStats, PutOutcome, SourceFileRecord } from '../archive.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { DocumentStore } from './documents.js';
import { SqliteSearch } from './search.js';

export { SchemaVersionError } from './database.js';

export interface SqliteArchiveOptions {
  /** Open an existing file for reading only (no migrations; refused if it needs one). */
  readonly?: boolean;
}

export async function openSqliteArchive(
  file: string,
  options: SqliteArchiveOptions = {},
): Promise<SqliteArchive> {
  return new SqliteArchive(openDatabase(file, options.readonly ?? false));
}

interface SourceFileRow {
  path: string;
  sha256: string;
  collection_id: string | null;
  documents: number;
  complete: number;
}

export class SqliteArchive implements Archive {
  private readonly documents: DocumentStore;
  private readonly searcher: SqliteSearch;
  private readonly replaceCollection;

  constructor(private readonly db: SqliteDatabase) {
    this.documents = new DocumentStore(db);
    this.searcher = new SqliteSearch(db);
    const upsertCollection = db.prepare(
      `INSERT INTO collections (id, title, json) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, json = excluded.json`,
    );
    const deletePersons = db.prepare('DELETE FROM persons WHERE collection_id = ?');
    const insertPerson = db.prepare(
      'INSERT OR REPLACE INTO persons (id, collection_id, local_id, name, json) VALUES (?, ?, ?, ?, ?)',
    );
    this.replaceCollection = db.transaction((collection: Collection, persons: readonly Person[]) => {
      // An upsert, not INSERT OR REPLACE: replacing would delete a row documents refer to.
      upsertCollection.run(collection.id, collection.title, JSON.stringify(collection));
      deletePersons.run(collection.id);
      for (const person of persons)
        insertPerson.run(person.id, person.collectionId, person.localId, person.name, JSON.stringify(person));
    });
  }

  /** The underlying connection, for benchmarks and maintenance commands. */
  get database(): SqliteDatabase {
    return this.db;
  }

  async putCollection(collection: Collection, persons: Person[]): Promise<void> {
    this.replaceCollection.immediate(collection, persons);
  }

  async putDocument(document: Document): Promise<PutOutcome> {
    return this.documents.put(document);
  }

  async removeDocumentsOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number> {
    return this.documents.removeOfSource(sourcePath, keepIds);
  }

  async getSourceFile(path: string): Promise<SourceFileRecord | null> {
    const row = this.db.prepare('SELECT * FROM source_files WHERE path = ?').get(path) as
      SourceFileRow | undefined;
    if (!row) return null;
    return {
      path: row.path,
      sha256: row.sha256,
      collectionId: row.collection_id,
      documents: row.documents,
      complete: row.complete === 1,
    };
  }

  async putSourceFile(record: SourceFileRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO source_files (path, sha256, collection_id, documents, complete) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, collection_id = excluded.collection_id,
           documents = excluded.documents, complete = excluded.complete`,
      )
      .run(record.path, record.sha256, record.collectionId, record.documents, record.complete ? 1 : 0);
  }

  async getDocument(id: string): Promise<Document | null> {
    return this.documents.get(id);
  }

  async getCollection(id: string): Promise<Collection | null> {
    const row = this.db.prepare('SELECT json FROM collections WHERE id = ?').get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Collection) : null;
  }

  async listCollections(): Promise<Collection[]> {
    const rows = this.db.prepare('SELECT json FROM collections ORDER BY id').all() as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as Collection);
  }

  async getPerson(id: string): Promise<Person | null> {
    const row = this.db.prepare('SELECT json FROM persons WHERE id = ?').get(id) as
      { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Person) : null;
  }

  async listPersons(collectionId?: string): Promise<Person[]> {
    const rows = (
      collectionId === undefined
        ? this.db.prepare('SELECT json FROM persons ORDER BY id').all()
        : this.db.prepare('SELECT json FROM persons WHERE collection_id = ? ORDER BY id').all(collectionId)
    ) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as Person);
  }

  async listDocumentIds(collectionId?: string): Promise<string[]> {
    const statement =
      collectionId === undefined
        ? this.db.prepare('SELECT id FROM documents ORDER BY id')
        : this.db.prepare('SELECT id FROM documents WHERE collection_id = ? ORDER BY id');
    const rows = (
      collectionId === undefined ? statement.pluck().all() : statement.pluck().all(collectionId)
    ) as string[];
    return rows;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.searcher.search(request);
  }

  async stats(): Promise<ArchiveStats> {
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const grouped = (sql: string) =>
      Object.fromEntries(
        (this.db.prepare(sql).raw().all() as [string, number][]).map(([value, n]) => [value, n]),
      );
    return {
      documents: count('SELECT count(*) FROM documents'),
      passages: count('SELECT count(*) FROM passages'),
      persons: count('SELECT count(*) FROM persons'),
      collections: this.db
        .prepare(
          `SELECT c.id AS id, c.title AS title, count(d.key) AS documents
           FROM collections c LEFT JOIN documents d ON d.collection_id = c.id
           GROUP BY c.id ORDER BY c.id`,
        )
        .all() as ArchiveStats['collections'],
      types: grouped('SELECT type, count(*) FROM documents GROUP BY type ORDER BY type'),
      classifications: grouped(
        "SELECT coalesce(class_level, 'unknown') AS level, count(*) FROM documents GROUP BY level ORDER BY level",
      ),
      decades: grouped(
        "SELECT (year / 10 * 10) || 's' AS decade, count(*) FROM documents WHERE year IS NOT NULL GROUP BY decade ORDER BY decade",
      ),
      redactions: count('SELECT count(*) FROM redactions'),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
