import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { parseQuery } from '../../src/search/parser.js';
import type { SearchResponse } from '../../src/search/types.js';
import { openSqliteArchive, SchemaVersionError, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { scratchDir } from '../helpers/paths.js';
import {
  allFixtures,
  collection,
  dobryninMemo,
  editorialNote,
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
    'mentions',
    'redactions',
    'passages_fts_docsize',
  ];
  return Object.fromEntries(
    tables.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]),
  );
}

async function ids(archive: SqliteArchive, query: string, sort?: 'date-asc'): Promise<string[]> {
  const response = await archive.search({ query: parseQuery(query), limit: 50, sort });
  return response.hits.map((hit) => hit.documentId.split('/')[1]!);
}

test('a stored document comes back exactly as it went in', async () => {
  await withArchive(async (archive) => {
    assert.deepEqual(await archive.getDocument(gromykoMemcon.id), gromykoMemcon);
    assert.deepEqual(await archive.getDocument(editorialNote.id), editorialNote);
    assert.equal(await archive.getDocument('frus1964-68v14/d999'), null);
    assert.deepEqual(await archive.getCollection(collection.id), collection);
    assert.deepEqual(await archive.getPerson('frus1964-68v14/p_GAA1'), persons[0]);
    assert.equal((await archive.listPersons(collection.id)).length, 4);
    assert.deepEqual(await archive.listDocumentIds(), allFixtures.map((d) => d.id).sort());
  });
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

test('a failed write leaves the previous version in place', async () => {
  await withArchive(async (archive) => {
    const broken = { ...thompsonCable, contentHash: 'other', collectionId: 'no-such-collection' };
    await assert.rejects(archive.putDocument(broken), /FOREIGN KEY/);
    assert.deepEqual(await archive.getDocument(thompsonCable.id), thompsonCable);
    assert.deepEqual(await ids(archive, 'skeptical'), ['d40']);
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

test('documents a source file no longer holds are removed with their passages', async () => {
  await withArchive(async (archive) => {
    const removed = await archive.removeDocumentsOfSource(collection.sourcePath, new Set([gromykoMemcon.id]));
    assert.equal(removed, 3);
    assert.deepEqual(await archive.listDocumentIds(), [gromykoMemcon.id]);
    const counts = tableCounts(archive);
    assert.equal(counts.passages, gromykoMemcon.passages.length);
    assert.equal(counts.passages_fts_docsize, counts.passages);
    assert.deepEqual(await ids(archive, 'Dobrynin'), []);
  });
});

test('source files are recorded and read back', async () => {
  await withArchive(async (archive) => {
    const record = {
      path: '/x.xml',
      sha256: 'abc',
      collectionId: collection.id,
      documents: 4,
      complete: false,
    };
    await archive.putSourceFile(record);
    await archive.putSourceFile({ ...record, complete: true });
    assert.deepEqual(await archive.getSourceFile('/x.xml'), { ...record, complete: true });
    assert.equal(await archive.getSourceFile('/y.xml'), null);
  });
});

test('stats count documents by collection, type, classification and decade', async () => {
  await withArchive(async (archive) => {
    const stats = await archive.stats();
    assert.equal(stats.documents, 4);
    assert.equal(stats.passages, 4 + 3 + 3 + 2);
    assert.equal(stats.persons, 4);
    assert.deepEqual(stats.collections, [{ id: collection.id, title: collection.title, documents: 4 }]);
    assert.deepEqual(stats.types, { cable: 1, 'editorial-note': 1, memcon: 1, memo: 1 });
    assert.deepEqual(stats.classifications, { CONFIDENTIAL: 1, SECRET: 1, 'TOP SECRET': 1, unknown: 1 });
    assert.deepEqual(stats.decades, { '1960s': 3 });
    assert.equal(stats.redactions, 2);
  });
});

test('words match anywhere in a document; phrases inside one passage; ranking prefers the best passage', async () => {
  await withArchive(async (archive) => {
    assert.deepEqual(await ids(archive, 'Berlin'), ['d12', 'd40']);
    // "Thompson" and "strategic" are in different passages of d40 only.
    assert.deepEqual(await ids(archive, 'Thompson haste'), ['d40']);
    assert.deepEqual((await ids(archive, '"strategic arms"')).sort(), ['d40', 'd77']);
    assert.deepEqual(await ids(archive, '"arms strategic"'), []);
    assert.deepEqual(await ids(archive, 'Berlin -Thompson'), ['d12']);
    assert.deepEqual(await ids(archive, 'Berlin NOT type:cable'), ['d12']);
    assert.deepEqual((await ids(archive, 'Laos OR Dobrynin OR skeptical')).sort(), ['d40', 'd77']);
    assert.deepEqual(await ids(archive, 'missil*'), ['d77']);
    // Stemming: "accepts" finds "accept".
    assert.deepEqual(await ids(archive, 'accepts'), ['d12']);
  });
});

test('snippets highlight matches inside one passage and give its link', async () => {
  await withArchive(async (archive) => {
    const response = await archive.search({ query: parseQuery('allied access'), limit: 1 });
    const hit = response.hits[0]!;
    assert.equal(hit.documentId, gromykoMemcon.id);
    assert.equal(hit.type, 'memcon');
    assert.equal(hit.date, '1964-04-15');
    assert.deepEqual(hit.classification, gromykoMemcon.classification);
    const best = hit.passages[0]!;
    assert.equal(best.link, `${gromykoMemcon.id}#p3`);
    assert.match(best.snippet, /««allied»» ««access»»/);
    assert.ok(!best.snippet.includes('Foreign Minister said'), 'the snippet stays inside its passage');
    assert.equal(best.speakers[0]?.personName, 'Rusk, Dean');
    assert.ok(hit.score > 0 && best.score > 0);
  });
});

test('filters: type, date overlap, class, caveat, collection', async () => {
  await withArchive(async (archive) => {
    assert.deepEqual(await ids(archive, 'type:memo'), ['d77']);
    assert.deepEqual(await ids(archive, 'date:1964..1966-11', 'date-asc'), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'date:1966-11-02'), ['d40']);
    assert.deepEqual(await ids(archive, 'date:..1965'), ['d12']);
    assert.deepEqual(await ids(archive, 'date:1967-01-01..'), ['d77']);
    assert.deepEqual(await ids(archive, 'class:top-secret'), ['d77']);
    assert.deepEqual(await ids(archive, 'class:"top secret"'), ['d77']);
    assert.deepEqual(await ids(archive, 'caveat:nodis'), ['d40']);
    assert.deepEqual(await ids(archive, 'caveat:exdis Berlin'), ['d12']);
    assert.deepEqual((await ids(archive, 'collection:frus1964-68v14')).length, 4);
    assert.deepEqual(await ids(archive, 'collection:frus1969-76v12'), []);
    assert.deepEqual(await ids(archive, 'type:memcon OR type:memo', 'date-asc'), ['d12', 'd77']);
  });
});

test('filters alone list documents by date, undated last', async () => {
  await withArchive(async (archive) => {
    const response = await archive.search({ query: { type: 'all' }, limit: 10 });
    assert.equal(response.total, 4);
    assert.deepEqual(
      response.hits.map((hit) => hit.documentId.split('/')[1]),
      ['d12', 'd40', 'd77', 'd1'],
    );
    assert.equal(response.hits[0]!.passages[0]!.link, `${gromykoMemcon.id}#p2`);
    const page = await archive.search({ query: { type: 'all' }, limit: 2, offset: 1, sort: 'date-desc' });
    assert.equal(page.total, 4);
    assert.deepEqual(
      page.hits.map((hit) => hit.documentId.split('/')[1]),
      ['d40', 'd12'],
    );
  });
});

test('person: by id, by surname, by full name in any order', async () => {
  await withArchive(async (archive) => {
    assert.deepEqual(await ids(archive, 'person:p_GAA1', 'date-asc'), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'person:frus1964-68v14/p_TLE1'), ['d40']);
    assert.deepEqual(await ids(archive, 'person:Gromyko', 'date-asc'), ['d12', 'd40']);
    // An unresolved participant is found by the name printed in the record.
    assert.deepEqual(await ids(archive, 'person:"Anatoliy Dobrynin"'), ['d77']);
    assert.deepEqual(await ids(archive, 'person:Nobody'), []);
  });
});

test('speaker: narrows words to the passages that person speaks', async () => {
  await withArchive(async (archive) => {
    assert.deepEqual(await ids(archive, 'speaker:Gromyko'), ['d12']);
    assert.deepEqual(await ids(archive, 'speaker:p_RD1'), ['d12']);
    // Gromyko speaks in d12 but "allied" is in Rusk's turn.
    assert.deepEqual(await ids(archive, 'speaker:Gromyko allied'), []);
    assert.deepEqual(await ids(archive, 'speaker:Rusk allied'), ['d12']);
    assert.deepEqual(await ids(archive, 'speaker:p_RD1 allied'), ['d12']);
    assert.deepEqual(await ids(archive, 'speaker:p_GAA1 allied'), []);
    const response = await archive.search({ query: parseQuery('speaker:Gromyko Berlin'), limit: 5 });
    assert.deepEqual(
      response.hits[0]!.passages.map((p) => p.ordinal),
      [2],
    );
    assert.deepEqual(await ids(archive, 'Berlin -speaker:Gromyko'), ['d40']);
  });
});

test('facets count every match by type, decade, classification, collection, speaker and participant', async () => {
  await withArchive(async (archive) => {
    const response = await archive.search({
      query: parseQuery('Gromyko OR Dobrynin'),
      limit: 1,
      facets: true,
    });
    assert.equal(response.total, 3);
    assert.equal(response.hits.length, 1);
    const facets = response.facets!;
    assert.deepEqual(facets.type, [
      { value: 'cable', count: 1 },
      { value: 'memcon', count: 1 },
      { value: 'memo', count: 1 },
    ]);
    assert.deepEqual(facets.decade, [{ value: '1960s', count: 3 }]);
    assert.deepEqual(facets.collection, [{ value: collection.id, count: 3 }]);
    assert.deepEqual(facets.speaker, [
      { value: 'Gromyko, Andrei A.', count: 1 },
      { value: 'Rusk, Dean', count: 1 },
    ]);
    assert.equal(facets.participant!.length, 3);
    const filtered = await archive.search({ query: parseQuery('type:memo'), facets: true });
    assert.deepEqual(filtered.facets!.classification, [{ value: 'TOP SECRET', count: 1 }]);
  });
});

test('hostile queries never reach SQLite as syntax', async () => {
  await withArchive(async (archive) => {
    const hostile: { type: 'term'; value: string; prefix: boolean }[] = [
      'NEAR(a b)',
      '"',
      '*',
      'title:foo',
      'a OR',
      '^',
      ':',
      '{head}:x',
      "'; DROP TABLE documents; --",
      'AND',
      '"" "',
    ].map((value) => ({ type: 'term', value, prefix: false }));
    for (const query of hostile) {
      const response: SearchResponse = await archive.search({ query });
      assert.ok(response.total >= 0);
    }
    await archive.search({ query: { type: 'phrase', words: ['NEAR', '(', '"'] } });
    await archive.search({ query: { type: 'filter', field: 'speaker', value: '"*^' } });
    await archive.search({ query: { type: 'filter', field: 'person', value: '%_\\' } });
    await archive.search({ query: { type: 'not', child: { type: 'term', value: '"', prefix: true } } });
    assert.equal((await archive.stats()).documents, 4);
    assert.deepEqual(await ids(archive, '"NEAR(Berlin"'), []);
    assert.deepEqual(await ids(archive, '"title:Berlin"'), []);
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
