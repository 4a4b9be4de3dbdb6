/**
 * SQLite specifics: what the engine writes, its full-text index and its file. What both engines
 * must do is tested once, by the contract suite (contract-sqlite.test.ts, contract-postgres.test.ts).
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { parseQuery } from '../../src/search/parser.js';
import { openSqliteArchive, SchemaVersionError, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { documentGroupsSql } from '../../src/store/sqlite/archive-stats.js';
import { PAGE_SIZE } from '../../src/store/sqlite/database.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { planQuery } from '../../src/store/sqlite/query-plan.js';
import { DOCUMENT_KEY_RANGE_SQL } from '../../src/store/sqlite/search.js';
import { documentVisibility, VISIBLE_DOCUMENT_SQL } from '../../src/store/sqlite/visibility.js';
import { PUBLIC_VIEWER } from '../../src/store/visibility.js';
import { scratchDir } from '../helpers/paths.js';
import {
  allFixtures,
  collection,
  dobryninMemo,
  gromykoMemcon,
  persons,
  thompsonCable,
} from './sqlite-fixtures.js';

async function withArchive(run: (archive: SqliteArchive, file: string) => Promise<void>): Promise<void> {
  const scratch = scratchDir('declass-sqlite-');
  const file = join(scratch.dir, 'test.db');
  const archive = await openSqliteArchive(file);
  try {
    await archive.putCollection(collection, persons);
    for (const document of allFixtures) await archive.putDocument(document);
    await run(archive, file);
  } finally {
    await archive.close();
    scratch.cleanup();
  }
}

/** Row counts of every table, and the FTS index's own integrity check. */
function tableCounts(archive: SqliteArchive): Record<string, number> {
  const db = archive.database;
  db.prepare("INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)").run();
  const tables = [
    'documents',
    'passages',
    'passage_speakers',
    'participants',
    'participant_names',
    'mentions',
    'redactions',
    'passages_fts_docsize',
  ];
  return Object.fromEntries(
    tables.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]),
  );
}

/** SQLite's plan for a statement, its steps joined. */
function explain(db: SqliteArchive['database'], sql: string, params: unknown[] = []): string {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return steps.map((step) => step.detail).join(' | ');
}

/** SQLite's plan for selecting the documents that meet a condition. */
function planSteps(
  db: SqliteArchive['database'],
  condition: { sql: string; params: unknown[] },
  orderBy = '',
): string {
  return explain(db, `SELECT d.key FROM documents d WHERE ${condition.sql} ${orderBy}`, condition.params);
}

async function ids(archive: SqliteArchive, query: string, sort?: 'date-asc'): Promise<string[]> {
  const response = await archive.search({ query: parseQuery(query), limit: 50, sort });
  return response.hits.map((hit) => hit.documentId.split('/')[1]!);
}

test('date filters find documents whose interval starts long before the range, however precise', async () => {
  await withArchive(async (archive) => {
    const db = archive.database;
    const widest = db.prepare("SELECT value FROM archive_facts WHERE name = 'widest_date_span_days'").pluck();
    // The fixtures are dated to the day: each spans one day.
    assert.equal(widest.get(), 1);
    const memoDated = (number: string, start: string, end: string, precision: 'day' | 'year') => ({
      ...dobryninMemo,
      id: `frus1964-68v14/d${number}`,
      number,
      contentHash: `hash-${number}`,
      date: { start, end, precision },
    });
    const season = memoDated('90', '1968-11-20', '1969-02-15', 'day');
    const year = memoDated('91', '1965', '1965-12-31', 'year');
    await archive.putDocument(season);
    await archive.putDocument(year);
    assert.equal(widest.get(), 365); // 1965, first day to last
    assert.deepEqual(await ids(archive, 'date:1969-02'), ['d90']);
    assert.deepEqual(await ids(archive, 'date:1965-06-30'), ['d91']);
    assert.deepEqual(await ids(archive, 'date:1965-12..1969-01', 'date-asc'), ['d91', 'd40', 'd77', 'd90']);
    // The bound is applied: were the recorded width too small, the long interval would be lost.
    db.prepare("UPDATE archive_facts SET value = 10 WHERE name = 'widest_date_span_days'").run();
    assert.deepEqual(await ids(archive, 'date:1969-02'), []);
    // An interval SQLite cannot read as dates turns the bound off.
    await archive.putDocument(memoDated('92', 'undated', 'undated', 'year'));
    assert.equal(widest.get(), 1e9);
    assert.deepEqual(await ids(archive, 'date:1969-02'), ['d90']);
  });
});

/**
 * Segments in the FTS5 index, from its structure record: a 4-byte cookie, a 4-byte version mark
 * when the index keeps deletion data (contentless_delete), then varints: levels, segments.
 */
function ftsSegments(archive: SqliteArchive): number {
  const block = archive.database
    .prepare('SELECT block FROM passages_fts_data WHERE id = 10')
    .pluck()
    .get() as Buffer;
  let at = block.readUInt32BE(4) === 0xff000001 ? 8 : 4;
  const varint = (): number => {
    let value = 0;
    for (;;) {
      const byte = block[at++]!;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
  };
  varint(); // levels
  return varint();
}

test('a batch of documents adds one full-text segment: no statement in a write opens a savepoint', async () => {
  // FTS5 flushes its pending terms to a new segment at every savepoint, statement journals
  // included; one per document made ingest about a fifth slower at 100,000 documents.
  const scratch = scratchDir('declass-sqlite-');
  const archive = await openSqliteArchive(join(scratch.dir, 'batch.db'));
  try {
    await archive.putCollection(collection, persons);
    await archive.putDocuments(allFixtures);
    assert.ok(allFixtures.length > 1);
    assert.equal(ftsSegments(archive), 1);
  } finally {
    await archive.close();
    scratch.cleanup();
  }
});

test('the same document twice is unchanged and writes nothing', async () => {
  await withArchive(async (archive) => {
    const before = tableCounts(archive);
    const changes = archive.database.prepare('SELECT total_changes()').pluck();
    const changesBefore = changes.get();
    assert.equal(await archive.putDocument(gromykoMemcon), 'unchanged');
    assert.equal(changes.get(), changesBefore);
    assert.deepEqual(tableCounts(archive), before);
  });
});

test('a changed hash replaces the passages atomically and leaves no orphans in the index', async () => {
  await withArchive(async (archive) => {
    const before = tableCounts(archive);
    const changed = {
      ...gromykoMemcon,
      contentHash: 'hash-12-v2',
      passages: gromykoMemcon.passages
        .slice(0, 2)
        .map((p) => (p.ordinal === 2 ? { ...p, text: 'The Foreign Minister spoke only of Laos.' } : p)),
      redactions: [],
    };
    assert.equal(await archive.putDocument(changed), 'updated');
    assert.deepEqual(await archive.getDocument(changed.id), changed);
    const after = tableCounts(archive);
    assert.equal(after.documents, before.documents);
    assert.equal(after.passages, before.passages! - 2);
    assert.equal(after.passages_fts_docsize, after.passages);
    assert.equal(after.redactions, before.redactions! - 2);
    // The old words are gone from the index, the new ones are found.
    assert.deepEqual(await ids(archive, '"minor matters"'), []);
    assert.deepEqual(await ids(archive, 'Laos'), ['d12']);
  });
});

test('a batch is stored whole or not at all, and unchanged documents in it write nothing', async () => {
  await withArchive(async (archive) => {
    const before = tableCounts(archive);
    const renamed = { ...gromykoMemcon, contentHash: 'hash-12-v3', title: 'Renamed in a batch' };
    const broken = { ...thompsonCable, contentHash: 'other', collectionId: 'no-such-collection' };
    await assert.rejects(archive.putDocuments([renamed, broken]), /FOREIGN KEY/);
    assert.deepEqual(await archive.getDocument(gromykoMemcon.id), gromykoMemcon);
    assert.deepEqual(tableCounts(archive), before);

    assert.deepEqual(await archive.putDocuments([renamed, thompsonCable, dobryninMemo]), [
      'updated',
      'unchanged',
      'unchanged',
    ]);
    assert.equal((await archive.getDocument(gromykoMemcon.id))?.title, 'Renamed in a batch');
    assert.deepEqual(tableCounts(archive), before);
  });
});

test('sorted by date, a document shows the passages and score it has in a relevance search', async () => {
  await withArchive(async (archive) => {
    const query = parseQuery('Soviet OR Berlin OR Gromyko OR allied');
    const byRelevance = (await archive.search({ query, limit: 10 })).hits;
    assert.ok(byRelevance.length >= 3, JSON.stringify(byRelevance));
    for (const sort of ['date-asc', 'date-desc'] as const) {
      // A count limit of 1 takes the walk of the date index; 1000 sorts the counted matches.
      for (const countLimit of [1, 1000]) {
        const byDate = (await archive.search({ query, limit: 10, sort, countLimit })).hits;
        assert.deepEqual(
          byDate.map((hit) => hit.documentId).sort(),
          byRelevance.map((hit) => hit.documentId).sort(),
        );
        for (const hit of byDate) {
          const ranked = byRelevance.find((other) => other.documentId === hit.documentId)!;
          assert.equal(hit.score, ranked.score, `${hit.documentId} ${sort}`);
          assert.deepEqual(hit.passages, ranked.passages, `${hit.documentId} ${sort}`);
        }
      }
    }
  });
});

test('a database from a newer Declass is refused with its file name', async () => {
  const scratch = scratchDir('declass-sqlite-');
  try {
    const file = join(scratch.dir, 'future.db');
    await (await openSqliteArchive(file)).close();
    const db = new Database(file);
    assert.equal(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get(), LATEST_VERSION);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')").run(
      LATEST_VERSION + 1,
    );
    db.close();
    await assert.rejects(openSqliteArchive(file), (error: unknown) => {
      assert.ok(error instanceof SchemaVersionError);
      assert.match(
        error.message,
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*newer Declass`),
      );
      return true;
    });
    // Opening again at the current version migrates nothing.
    const reopened = new Database(file);
    reopened.prepare('DELETE FROM schema_migrations WHERE version > ?').run(LATEST_VERSION);
    reopened.close();
    const archive = await openSqliteArchive(file, { readonly: true });
    assert.equal((await archive.stats()).documents, 0);
    await archive.close();
  } finally {
    scratch.cleanup();
  }
});

test('a new archive has 16 KiB pages; an archive made with 4 KiB pages keeps them and its documents', async () => {
  await withArchive(async (archive) => {
    assert.equal(archive.database.pragma('page_size', { simple: true }), PAGE_SIZE);
  });
  const scratch = scratchDir();
  try {
    const file = join(scratch.dir, 'old.db');
    // As Declass made archives before: SQLite's default page size, then WAL.
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const archive = await openSqliteArchive(file);
    await archive.putCollection(collection, persons);
    await archive.putDocuments([dobryninMemo]);
    await archive.close();
    const reopened = await openSqliteArchive(file, { readonly: true });
    assert.equal(reopened.database.pragma('page_size', { simple: true }), 4096);
    assert.equal((await reopened.getDocument(dobryninMemo.id))?.title, dobryninMemo.title);
    assert.equal((await reopened.search({ query: parseQuery('Dobrynin') })).total, 1);
    await reopened.close();
  } finally {
    scratch.cleanup();
  }
});

test('passage text is stored once, deflated per document, and the index holds no copy of it', async () => {
  await withArchive(async (archive) => {
    const db = archive.database;
    const inRows = db.prepare('SELECT count(*) FROM passages WHERE head IS NOT NULL OR body IS NOT NULL');
    assert.equal(inRows.pluck().get(), 0);
    const packed = db
      .prepare('SELECT texts FROM documents WHERE id = ?')
      .pluck()
      .get(gromykoMemcon.id) as Buffer;
    const text = gromykoMemcon.passages.map((p) => p.text).join('');
    assert.ok(
      packed.length < Buffer.byteLength(text),
      `${packed.length} bytes for ${text.length} characters`,
    );
    assert.deepEqual(await archive.getDocument(gromykoMemcon.id), gromykoMemcon);
    // Snippets are cut from the stored text, on the relevance and the date-sorted paths alike.
    for (const sort of ['relevance', 'date-asc'] as const) {
      const response = await archive.search({ query: parseQuery('"minor matters"'), sort });
      assert.match(response.hits[0]!.passages[0]!.snippet, /««minor»» ««matters»»/i, sort);
    }
  });
});

test('an archive of schema version 2 (text in the passage rows) is migrated, read, searched and updated', async () => {
  const scratch = scratchDir();
  try {
    // Made by Declass at b8bfb55 from the same fixtures (test/store/fixtures/README.md).
    const file = join(scratch.dir, 'v2.db');
    copyFileSync(join(import.meta.dirname, 'fixtures', 'archive-v2.db'), file);
    const archive = await openSqliteArchive(file);
    try {
      const db = archive.database;
      assert.equal(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get(), LATEST_VERSION);
      assert.equal(
        db.prepare("SELECT value FROM archive_facts WHERE name = 'widest_date_span_days'").pluck().get(),
        1,
      );
      db.prepare("INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)").run();
      for (const document of allFixtures) assert.deepEqual(await archive.getDocument(document.id), document);
      assert.deepEqual(await ids(archive, '"minor matters"'), ['d12']);
      assert.deepEqual(await ids(archive, 'Dobrynin'), [dobryninMemo.id.split('/')[1]]);
      const snippet = (await archive.search({ query: parseQuery('skeptical'), sort: 'date-asc' })).hits[0]
        ?.passages[0];
      assert.match(snippet?.snippet ?? '', /««skeptical»»/);
      // Every filter, with the public viewer's embargo rule, is answered from the date index
      // alone (schema version 4): a filters-only search never reads a document's whole row.
      const where = planQuery(
        parseQuery('type:memcon class:secret caveat:exdis collection:frus1964* date:1964..1966'),
      ).where;
      assert.match(
        planSteps(
          db,
          { sql: `${where.sql} AND ${documentVisibility(PUBLIC_VIEWER)}`, params: where.params },
          'ORDER BY d.date_start, d.id',
        ),
        /COVERING INDEX documents_by_date/,
      );
      // Participants point at their names (schema version 6): a name is looked for among the
      // distinct names, and each match leads through an index to its documents.
      assert.deepEqual(await ids(archive, 'person:Gromyko', 'date-asc'), ['d12', 'd40']);
      assert.deepEqual(await ids(archive, 'person:p_GAA1', 'date-asc'), ['d12', 'd40']);
      for (const person of ['Gromyko', 'p_GAA1']) {
        const steps = planSteps(db, planQuery(parseQuery(`person:${person}`)).where);
        assert.match(steps, /SEARCH pa USING COVERING INDEX participants_by_name/, steps);
        assert.doesNotMatch(steps, /SCAN (pa|m)\b/, steps);
      }
      // Archive counts by type, classification, decade and collection read the date index alone.
      for (const visible of ['1', VISIBLE_DOCUMENT_SQL]) {
        const groupsPlan = explain(db, documentGroupsSql(visible));
        assert.match(groupsPlan, /^SCAN d USING COVERING INDEX documents_by_date\b/, groupsPlan);
      }
      // Search statistics read the first and last document keys from the table's ends.
      const rangePlan = explain(db, DOCUMENT_KEY_RANGE_SQL);
      assert.doesNotMatch(rangePlan, /SCAN documents/, rangePlan);
      assert.deepEqual(db.prepare(DOCUMENT_KEY_RANGE_SQL).get(), {
        first: db.prepare('SELECT key FROM documents ORDER BY key LIMIT 1').pluck().get(),
        last: db.prepare('SELECT key FROM documents ORDER BY key DESC LIMIT 1').pluck().get(),
      });
      const facets = (await archive.search({ query: parseQuery('Gromyko'), facets: true })).facets!;
      assert.ok(
        facets.participant!.some((facet) => /Gromyko/.test(facet.value)),
        JSON.stringify(facets),
      );
      assert.deepEqual(
        (await archive.search({ query: parseQuery('caveat:exdis type:memcon date:1964..1966') })).hits.map(
          (hit) => hit.documentId,
        ),
        [gromykoMemcon.id],
      );

      // A replaced document takes the new layout; the others keep theirs.
      const changed = {
        ...gromykoMemcon,
        contentHash: 'hash-12-v2',
        passages: gromykoMemcon.passages.map((p) =>
          p.ordinal === 2 ? { ...p, text: 'The Foreign Minister spoke only of Cambodia.' } : p,
        ),
      };
      assert.equal(await archive.putDocument(changed), 'updated');
      assert.deepEqual(await archive.getDocument(changed.id), changed);
      assert.deepEqual(await ids(archive, 'Cambodia'), ['d12']);
      assert.deepEqual(await ids(archive, '"German Democratic Republic"'), []);
      const legacyRows = db.prepare(
        'SELECT count(*) FROM passages WHERE key >> 20 = (SELECT key FROM documents WHERE id = ?) AND body IS NOT NULL',
      );
      assert.equal(legacyRows.pluck().get(changed.id), 0);
      assert.ok((legacyRows.pluck().get(thompsonCable.id) as number) > 0);
      assert.deepEqual(await archive.getDocument(thompsonCable.id), thompsonCable);
      db.prepare("INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)").run();
    } finally {
      await archive.close();
    }
  } finally {
    scratch.cleanup();
  }
});

test('WAL mode, foreign keys and migrations are recorded', async () => {
  await withArchive(async (archive) => {
    assert.equal(archive.database.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(archive.database.pragma('foreign_keys', { simple: true }), 1);
    const versions = archive.database.prepare('SELECT version FROM schema_migrations').pluck().all();
    assert.deepEqual(
      versions,
      MIGRATIONS.map((migration) => migration.version),
    );
    void dobryninMemo;
  });
});

test('with a write thread, committed batches are copied into the database file while the archive stays open', async () => {
  const scratch = scratchDir('declass-sqlite-');
  const file = join(scratch.dir, 'test.db');
  const archive = await openSqliteArchive(file, { writeThread: true });
  try {
    await archive.putCollection(collection, persons);
    const counted = await archive.stats();
    for (let batch = 0; batch < 4; batch++) {
      const copies = allFixtures.map((document) => ({
        ...document,
        id: `${document.id}-copy${batch}`,
        contentHash: `${document.contentHash}-copy${batch}`,
      }));
      await archive.putDocuments(copies);
    }
    // A few pages: far below the write thread's own checkpoint threshold, so only the
    // checkpoint thread can have copied them out of the WAL.
    // Counts kept from before are not served once the write thread has committed.
    assert.equal((await archive.stats()).documents, counted.documents + 4 * allFixtures.length);
    await archive.checkpointed();
    assert.equal(archive.checkpointCounts!.failures, 0);
    assert.ok(archive.checkpointCounts!.checkpoints >= 1);

    // The database file alone, without its WAL, already holds every committed document.
    const fileAlone = join(scratch.dir, 'file-alone.db');
    copyFileSync(file, fileAlone);
    const copy = new Database(fileAlone, { readonly: true });
    try {
      const stored = copy.prepare("SELECT count(*) FROM documents WHERE id LIKE '%-copy%'").pluck().get();
      assert.equal(stored, 4 * allFixtures.length);
    } finally {
      copy.close();
    }
  } finally {
    await archive.close();
    scratch.cleanup();
  }
});
