/**
 * The shared-server archive: PostgreSQL behind the Archive interface, with a connection pool
 * so that ingest and many searches run at once.
 *
 *   const archive = await openPostgresArchive('postgres:///declass');
 *   await archive.putDocument(document);          // 'added' | 'updated' | 'unchanged'
 *   await archive.search({ query: parseQuery('Berlin type:memcon'), viewer: PUBLIC_VIEWER });
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
import { PostgresAccounts } from './accounts.js';
import { createPool, migrate, withTransaction, type Pool } from './database.js';
import { PostgresDocuments } from './documents.js';
import { PostgresSearch, VISIBLE_DOCUMENT_SQL } from './search.js';

export { PostgresSchemaError } from './database.js';

export interface PostgresArchiveOptions {
  /** Connections in the pool (default 20): readers beyond it wait for a free connection. */
  poolSize?: number;
}

export { isPostgresUrl } from './url.js';

export async function openPostgresArchive(
  url: string,
  options: PostgresArchiveOptions = {},
): Promise<PostgresArchive> {
  const pool = createPool(url, options.poolSize ?? 20);
  try {
    await migrate(pool, url);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresArchive(pool);
}

const VISIBLE_COLLECTION = 'c.published';
const VISIBLE_PERSON = 'EXISTS (SELECT 1 FROM collections c WHERE c.id = pe.collection_id AND c.published)';

export class PostgresArchive implements Archive {
  private readonly documents: PostgresDocuments;
  private readonly searcher: PostgresSearch;
  readonly accounts: PostgresAccounts;

  constructor(private readonly pool: Pool) {
    this.documents = new PostgresDocuments(pool);
    this.searcher = new PostgresSearch(pool);
    this.accounts = new PostgresAccounts(pool);
  }

  /** The connection pool, for benchmarks and maintenance commands. */
  get database(): Pool {
    return this.pool;
  }

  async putCollection(collection: Collection, persons: Person[]): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      // Re-ingesting keeps the published state: an embargo outlives a re-ingest.
      await client.query(
        `INSERT INTO collections (id, title, published, json) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, json = excluded.json`,
        [collection.id, collection.title, collection.published, JSON.stringify(collection)],
      );
      await client.query('DELETE FROM persons WHERE collection_id = $1', [collection.id]);
      await client.query(
        `INSERT INTO persons (id, collection_id, local_id, name, json)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::json[])
         ON CONFLICT (id) DO UPDATE SET collection_id = excluded.collection_id, local_id = excluded.local_id,
           name = excluded.name, json = excluded.json`,
        [
          persons.map((p) => p.id),
          persons.map((p) => p.collectionId),
          persons.map((p) => p.localId),
          persons.map((p) => p.name),
          persons.map((p) => JSON.stringify(p)),
        ],
      );
    });
  }

  async putDocument(document: Document): Promise<PutOutcome> {
    return this.documents.put(document);
  }

  async putDocuments(documents: readonly Document[]): Promise<PutOutcome[]> {
    return this.documents.putMany(documents);
  }

  async removeDocumentsOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number> {
    return this.documents.removeOfSource(sourcePath, keepIds);
  }

  async getSourceFile(path: string): Promise<SourceFileRecord | null> {
    const result = await this.pool.query<{
      path: string;
      sha256: string;
      collection_id: string | null;
      documents: number;
      complete: boolean;
    }>('SELECT * FROM source_files WHERE path = $1', [path]);
    const row = result.rows[0];
    if (!row) return null;
    return {
      path: row.path,
      sha256: row.sha256,
      collectionId: row.collection_id,
      documents: row.documents,
      complete: row.complete,
    };
  }

  async putSourceFile(record: SourceFileRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO source_files (path, sha256, collection_id, documents, complete) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, collection_id = excluded.collection_id,
         documents = excluded.documents, complete = excluded.complete`,
      [record.path, record.sha256, record.collectionId, record.documents, record.complete],
    );
  }

  /**
   * VACUUM (ANALYZE) of what an ingest writes. Left to autovacuum, the first pass over freshly
   * loaded passages arrives about a minute later, while the archive serves, and its pass over
   * the full-text index holds up the searches that read the same index pages. Done here, the
   * planner also gets the new statistics at once.
   */
  async afterIngest(): Promise<void> {
    await this.pool.query(
      'VACUUM (ANALYZE) documents, passages, passage_speakers, participants, mentions, redactions, term_stats, corpus_stats',
    );
  }

  async getDocument(id: string, viewer?: Viewer): Promise<Document | null> {
    return this.documents.get(id, hidesUnpublished(viewer));
  }

  async getCollection(id: string, viewer?: Viewer): Promise<Collection | null> {
    const result = await this.pool.query<{ json: Collection; published: boolean }>(
      `SELECT json, published FROM collections c WHERE id = $1 AND ${this.collectionVisibility(viewer)}`,
      [id],
    );
    const row = result.rows[0];
    return row ? { ...row.json, published: row.published } : null;
  }

  async listCollections(viewer?: Viewer): Promise<Collection[]> {
    const result = await this.pool.query<{ json: Collection; published: boolean }>(
      `SELECT json, published FROM collections c WHERE ${this.collectionVisibility(viewer)} ORDER BY id COLLATE "C"`,
    );
    return result.rows.map((row) => ({ ...row.json, published: row.published }));
  }

  async getPerson(id: string, viewer?: Viewer): Promise<Person | null> {
    const result = await this.pool.query<{ json: Person }>(
      `SELECT json FROM persons pe WHERE id = $1 AND ${this.personVisibility(viewer)}`,
      [id],
    );
    return result.rows[0]?.json ?? null;
  }

  async listPersons(collectionId?: string, viewer?: Viewer): Promise<Person[]> {
    const visible = this.personVisibility(viewer);
    const result =
      collectionId === undefined
        ? await this.pool.query<{ json: Person }>(
            `SELECT json FROM persons pe WHERE ${visible} ORDER BY id COLLATE "C"`,
          )
        : await this.pool.query<{ json: Person }>(
            `SELECT json FROM persons pe WHERE collection_id = $1 AND ${visible} ORDER BY id COLLATE "C"`,
            [collectionId],
          );
    return result.rows.map((row) => row.json);
  }

  async listDocumentIds(collectionId?: string, viewer?: Viewer): Promise<string[]> {
    const visible = this.documentVisibility(viewer);
    const result =
      collectionId === undefined
        ? await this.pool.query<{ id: string }>(
            `SELECT id FROM documents d WHERE ${visible} ORDER BY id COLLATE "C"`,
          )
        : await this.pool.query<{ id: string }>(
            `SELECT id FROM documents d WHERE collection_id = $1 AND ${visible} ORDER BY id COLLATE "C"`,
            [collectionId],
          );
    return result.rows.map((row) => row.id);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.searcher.search(request);
  }

  async stats(viewer?: Viewer): Promise<ArchiveStats> {
    const visible = this.documentVisibility(viewer);
    const count = async (sql: string) => Number((await this.pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0);
    const grouped = async (sql: string) =>
      Object.fromEntries(
        (await this.pool.query<{ value: string; n: number }>(sql)).rows.map((row) => [row.value, row.n]),
      );
    const [documents, passages, persons, collections, types, classifications, decades, redactions] =
      await Promise.all([
        count(`SELECT count(*) AS n FROM documents d WHERE ${visible}`),
        // The corpus counter avoids a scan of every passage; hidden ones are subtracted.
        count(
          visible === 'TRUE'
            ? 'SELECT passages AS n FROM corpus_stats'
            : `SELECT (SELECT passages FROM corpus_stats) -
                 (SELECT count(*) FROM passages p JOIN documents d ON d.key = p.doc WHERE NOT ${VISIBLE_DOCUMENT_SQL}) AS n`,
        ),
        count(`SELECT count(*) AS n FROM persons pe WHERE ${this.personVisibility(viewer)}`),
        this.pool
          .query<ArchiveStats['collections'][number]>(
            `SELECT c.id, c.title, count(d.key)::int AS documents
             FROM collections c LEFT JOIN documents d ON d.collection_id = c.id AND ${visible}
             WHERE ${this.collectionVisibility(viewer)}
             GROUP BY c.id ORDER BY c.id COLLATE "C"`,
          )
          .then((result) => result.rows),
        grouped(
          `SELECT type AS value, count(*) AS n FROM documents d WHERE ${visible} GROUP BY type ORDER BY type COLLATE "C"`,
        ),
        grouped(
          `SELECT coalesce(class_level, 'unknown') AS value, count(*) AS n FROM documents d WHERE ${visible}
           GROUP BY 1 ORDER BY coalesce(class_level, 'unknown') COLLATE "C"`,
        ),
        grouped(
          `SELECT (year / 10 * 10)::text || 's' AS value, count(*) AS n FROM documents d
           WHERE year IS NOT NULL AND ${visible} GROUP BY 1 ORDER BY 1`,
        ),
        count(`SELECT count(*) AS n FROM redactions r JOIN documents d ON d.key = r.doc WHERE ${visible}`),
      ]);
    return { documents, passages, persons, collections, types, classifications, decades, redactions };
  }

  async setPublished(targetId: string, published: boolean, actor: string): Promise<PublishResult> {
    return withTransaction(this.pool, async (client) => {
      let kind: PublishResult['kind'] = 'collection';
      let before = await client.query<{ published: boolean }>(
        'SELECT published FROM collections WHERE id = $1 FOR UPDATE',
        [targetId],
      );
      if (before.rows.length > 0) {
        await client.query('UPDATE collections SET published = $2 WHERE id = $1', [targetId, published]);
      } else {
        kind = 'document';
        before = await client.query<{ published: boolean }>(
          'SELECT published FROM documents WHERE id = $1 FOR UPDATE',
          [targetId],
        );
        if (before.rows.length === 0) throw new UnknownRecordError(targetId);
        await client.query('UPDATE documents SET published = $2 WHERE id = $1', [targetId, published]);
      }
      await client.query('INSERT INTO audit_log (actor, action, kind, target) VALUES ($1, $2, $3, $4)', [
        actor,
        published ? 'publish' : 'unpublish',
        kind,
        targetId,
      ]);
      return { kind, id: targetId, published, changed: before.rows[0]!.published !== published };
    });
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    const result = await this.pool.query<Omit<AuditEntry, 'at'> & { at: Date }>(
      'SELECT at, actor, action, kind, target FROM audit_log ORDER BY seq DESC LIMIT $1',
      [limit],
    );
    return result.rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private documentVisibility(viewer: Viewer | undefined): string {
    return hidesUnpublished(viewer) ? VISIBLE_DOCUMENT_SQL : 'TRUE';
  }

  /** Condition on `collections` aliased `c`. */
  private collectionVisibility(viewer: Viewer | undefined): string {
    return hidesUnpublished(viewer) ? VISIBLE_COLLECTION : 'TRUE';
  }

  /** Condition on `persons` aliased `pe`: a person is visible with their collection. */
  private personVisibility(viewer: Viewer | undefined): string {
    return hidesUnpublished(viewer) ? VISIBLE_PERSON : 'TRUE';
  }
}
