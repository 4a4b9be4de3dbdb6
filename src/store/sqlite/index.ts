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
import type {
  Archive,
  ArchiveStats,
  AuditEntry,
  PublishResult,
  PutOutcome,
  SourceFileRecord,
} from '../archive.js';
import { hidesUnpublished, UnknownRecordError, type Viewer } from '../visibility.js';
import { SqliteAccounts } from './accounts.js';
import { archiveStats } from './archive-stats.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { DocumentStore } from './documents.js';
import { SqliteSearch } from './search.js';
import { ThreadedDocumentWriter, type CheckpointCounts } from './threaded-writer.js';
import { documentVisibility, VISIBLE_DOCUMENT_SQL, visibleCollectionSql } from './visibility.js';

export { SchemaVersionError } from './database.js';

export interface SqliteArchiveOptions {
  /** Open an existing file for reading only (no migrations; refused if it needs one). */
  readonly?: boolean;
  /**
   * Store documents on a second thread, so a bulk ingest reads the next batch while this one
   * is written. Ignored for read-only and in-memory archives.
   */
  writeThread?: boolean;
}

export async function openSqliteArchive(
  file: string,
  options: SqliteArchiveOptions = {},
): Promise<SqliteArchive> {
  const readonly = options.readonly ?? false;
  // Opened (and migrated) here first, so the write thread finds the schema up to date.
  const db = openDatabase(file, readonly);
  const threaded = options.writeThread && !readonly && file !== ':memory:' && file !== '';
  return new SqliteArchive(db, threaded ? new ThreadedDocumentWriter(file) : null);
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
  private readonly statsCache = new Map<string, { version: string; stats: ArchiveStats }>();
  private readonly totalChanges;
  readonly accounts: SqliteAccounts;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: ThreadedDocumentWriter | null = null,
  ) {
    this.documents = new DocumentStore(db);
    this.searcher = new SqliteSearch(db);
    this.accounts = new SqliteAccounts(db);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    // Re-ingesting a collection keeps its published state: an embargo outlives a re-ingest.
    const upsertCollection = db.prepare(
      `INSERT INTO collections (id, title, json) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title,
         json = json_set(excluded.json, '$.published',
           json(CASE WHEN json_extract(collections.json, '$.published') = 0 THEN 'false' ELSE 'true' END))`,
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
    await this.writesSettled();
    this.replaceCollection.immediate(collection, persons);
  }

  async putDocument(document: Document): Promise<PutOutcome> {
    return this.writer ? this.writer.put(document) : this.documents.put(document);
  }

  async putDocuments(documents: readonly Document[]): Promise<PutOutcome[]> {
    return this.writer ? this.writer.putMany(documents) : this.documents.putMany(documents);
  }

  async removeDocumentsOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number> {
    await this.writesSettled();
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
    // A file is recorded as done only after the write thread has stored its documents.
    await this.writesSettled();
    this.db
      .prepare(
        `INSERT INTO source_files (path, sha256, collection_id, documents, complete) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, collection_id = excluded.collection_id,
           documents = excluded.documents, complete = excluded.complete`,
      )
      .run(record.path, record.sha256, record.collectionId, record.documents, record.complete ? 1 : 0);
  }

  async getDocument(id: string, viewer?: Viewer): Promise<Document | null> {
    if (hidesUnpublished(viewer)) {
      const visible = this.db
        .prepare(`SELECT 1 FROM documents d WHERE d.id = ? AND ${VISIBLE_DOCUMENT_SQL}`)
        .get(id);
      if (!visible) return null;
    }
    return this.documents.get(id);
  }

  async getCollection(id: string, viewer?: Viewer): Promise<Collection | null> {
    const row = this.db
      .prepare(`SELECT json FROM collections c WHERE id = ? AND ${this.collectionVisibility(viewer)}`)
      .get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Collection) : null;
  }

  async listCollections(viewer?: Viewer): Promise<Collection[]> {
    const rows = this.db
      .prepare(`SELECT json FROM collections c WHERE ${this.collectionVisibility(viewer)} ORDER BY id`)
      .all() as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as Collection);
  }

  async getPerson(id: string, viewer?: Viewer): Promise<Person | null> {
    const row = this.db
      .prepare(`SELECT json FROM persons WHERE id = ? AND ${this.personVisibility(viewer)}`)
      .get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Person) : null;
  }

  async listPersons(collectionId?: string, viewer?: Viewer): Promise<Person[]> {
    const visible = this.personVisibility(viewer);
    const rows = (
      collectionId === undefined
        ? this.db.prepare(`SELECT json FROM persons WHERE ${visible} ORDER BY id`).all()
        : this.db
            .prepare(`SELECT json FROM persons WHERE collection_id = ? AND ${visible} ORDER BY id`)
            .all(collectionId)
    ) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as Person);
  }

  async listDocumentIds(collectionId?: string, viewer?: Viewer): Promise<string[]> {
    const visible = documentVisibility(viewer);
    const statement =
      collectionId === undefined
        ? this.db.prepare(`SELECT id FROM documents d WHERE ${visible} ORDER BY id`)
        : this.db.prepare(`SELECT id FROM documents d WHERE collection_id = ? AND ${visible} ORDER BY id`);
    const rows = (
      collectionId === undefined ? statement.pluck().all() : statement.pluck().all(collectionId)
    ) as string[];
    return rows;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.searcher.search(request);
  }

  /**
   * Counted again only after a commit: the web UI asks for them on every search page, and at
   * 1,000,000 documents counting takes about a second.
   */
  async stats(viewer?: Viewer): Promise<ArchiveStats> {
    const version = this.commitVersion();
    const key = hidesUnpublished(viewer) ? 'public' : 'all';
    let cached = this.statsCache.get(key);
    if (cached?.version !== version) {
      cached = {
        version,
        stats: archiveStats(this.db, {
          documents: documentVisibility(viewer),
          collections: this.collectionVisibility(viewer),
          persons: this.personVisibility(viewer),
        }),
      };
      this.statsCache.set(key, cached);
    }
    return structuredClone(cached.stats);
  }

  /**
   * Changes whenever something is committed: by another connection, such as the write thread or
   * another process (`data_version`), or by this one (`total_changes()`).
   */
  private commitVersion(): string {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const ownChanges = this.totalChanges.get() as number;
    return `${dataVersion}:${ownChanges}`;
  }

  async setPublished(targetId: string, published: boolean, actor: string): Promise<PublishResult> {
    await this.writesSettled();
    const flag = published ? 'true' : 'false';
    return this.db
      .transaction((): PublishResult => {
        let kind: PublishResult['kind'];
        let before: number | undefined;
        const collection = this.db
          .prepare("SELECT json_extract(json, '$.published') AS published FROM collections WHERE id = ?")
          .get(targetId) as { published: number | null } | undefined;
        if (collection) {
          kind = 'collection';
          before = collection.published === 0 ? 0 : 1;
          this.db
            .prepare("UPDATE collections SET json = json_set(json, '$.published', json(?)) WHERE id = ?")
            .run(flag, targetId);
        } else {
          const document = this.db.prepare('SELECT published FROM documents WHERE id = ?').get(targetId) as
            { published: number } | undefined;
          if (!document) throw new UnknownRecordError(targetId);
          kind = 'document';
          before = document.published;
          this.db
            .prepare(
              "UPDATE documents SET published = ?, json = json_set(json, '$.published', json(?)) WHERE id = ?",
            )
            .run(published ? 1 : 0, flag, targetId);
        }
        this.db
          .prepare('INSERT INTO audit_log (at, actor, action, kind, target) VALUES (?, ?, ?, ?, ?)')
          .run(new Date().toISOString(), actor, published ? 'publish' : 'unpublish', kind, targetId);
        return { kind, id: targetId, published, changed: before !== (published ? 1 : 0) };
      })
      .immediate();
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    return this.db
      .prepare('SELECT at, actor, action, kind, target FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit) as AuditEntry[];
  }

  /** Condition on `collections` aliased `c`. */
  private collectionVisibility(viewer: Viewer | undefined): string {
    return hidesUnpublished(viewer) ? visibleCollectionSql('c.id') : '1';
  }

  /** Condition on `persons`: a person is visible with their collection. */
  private personVisibility(viewer: Viewer | undefined): string {
    return hidesUnpublished(viewer) ? visibleCollectionSql('persons.collection_id') : '1';
  }

  /** What the write thread's checkpoint thread has done; null without a write thread. */
  get checkpointCounts(): Readonly<CheckpointCounts> | null {
    return this.writer?.checkpointCounts ?? null;
  }

  /** Resolves once the documents sent to the write thread are committed and in the database file. */
  async checkpointed(): Promise<void> {
    await this.writer?.checkpointed();
  }

  async close(): Promise<void> {
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }

  /** Writes made on this connection wait for the documents sent to the write thread. */
  private async writesSettled(): Promise<void> {
    await this.writer?.settled();
  }
}
