/**
 * The Archive contract: what every storage engine must do, run against SQLite
 * (contract-sqlite.test.ts) and PostgreSQL (contract-postgres.test.ts) with the same cases.
 * Only the Archive interface is used here, never an engine's own tables.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../src/search/parser.js';
import type { SearchRequest } from '../../src/search/types.js';
import type { Archive } from '../../src/store/archive.js';
import { PUBLIC_VIEWER, UnknownRecordError } from '../../src/store/visibility.js';
import {
  allFixtures,
  collection,
  dobryninMemo,
  editorialNote,
  frusDocument,
  gromykoMemcon,
  persons,
  thompsonCable,
} from './sqlite-fixtures.js';

export interface EngineUnderTest {
  /** An empty archive of this engine, and how to dispose of it. */
  open(): Promise<{ archive: Archive; dispose(): Promise<void> }>;
}

/** A document only the embargo tests add: a unique phrase and a participant found nowhere else. */
export const embargoedMemo = frusDocument({
  number: '99',
  title: 'Memorandum for the Record: Operation Bluefinch',
  type: 'memo',
  date: '1968-02-01',
  level: 'TOP SECRET',
  caveats: ['EYES ONLY'],
  paragraphs: [
    { text: 'The quartermaster ledger of Operation Bluefinch stays sealed until further notice.' },
  ],
  participants: [[null, 'Zebedee Quillfeather']],
  redactions: 3,
});

export function archiveContract(engine: string, under: EngineUnderTest): void {
  async function withArchive(run: (archive: Archive) => Promise<void>): Promise<void> {
    const { archive, dispose } = await under.open();
    try {
      await archive.putCollection(collection, persons);
      for (const document of allFixtures) await archive.putDocument(document);
      await run(archive);
    } finally {
      await archive.close();
      await dispose();
    }
  }

  async function ids(archive: Archive, query: string, more: Partial<SearchRequest> = {}): Promise<string[]> {
    const response = await archive.search({ query: parseQuery(query), limit: 50, ...more });
    return response.hits.map((hit) => hit.documentId.split('/')[1]!);
  }

  const it = (name: string, run: (archive: Archive) => Promise<void>) =>
    test(`${engine}: ${name}`, () => withArchive(run));

  it('a stored document comes back exactly as it went in', async (archive) => {
    assert.deepEqual(await archive.getDocument(gromykoMemcon.id), gromykoMemcon);
    assert.deepEqual(await archive.getDocument(editorialNote.id), editorialNote);
    assert.equal(await archive.getDocument('frus1964-68v14/d999'), null);
    assert.deepEqual(await archive.getCollection(collection.id), collection);
    assert.deepEqual(await archive.getPerson('frus1964-68v14/p_GAA1'), persons[0]);
    assert.equal((await archive.listPersons(collection.id)).length, 4);
    assert.deepEqual(await archive.listCollections(), [collection]);
    assert.deepEqual(await archive.listDocumentIds(), allFixtures.map((d) => d.id).sort());
  });

  it('the same document twice is unchanged and changes nothing', async (archive) => {
    const before = await archive.stats();
    assert.equal(await archive.putDocument(gromykoMemcon), 'unchanged');
    assert.deepEqual(await archive.stats(), before);
    await archive.putCollection(collection, persons);
    assert.deepEqual(await archive.stats(), before);
  });

  it('a changed hash replaces the document and its passages atomically', async (archive) => {
    const before = await archive.stats();
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
    const after = await archive.stats();
    assert.equal(after.documents, before.documents);
    assert.equal(after.passages, before.passages - 2);
    assert.equal(after.redactions, before.redactions - 2);
    assert.deepEqual(await ids(archive, '"minor matters"'), []);
    assert.deepEqual(await ids(archive, 'Laos'), ['d12']);
  });

  it('a failed write leaves the previous version in place', async (archive) => {
    const broken = { ...thompsonCable, contentHash: 'other', collectionId: 'no-such-collection' };
    await assert.rejects(archive.putDocument(broken));
    assert.deepEqual(await archive.getDocument(thompsonCable.id), thompsonCable);
    assert.deepEqual(await ids(archive, 'skeptical'), ['d40']);
  });

  it('a batch is stored whole or not at all', async (archive) => {
    assert.ok(archive.putDocuments, 'the engine stores batches');
    const before = await archive.stats();
    const renamed = { ...gromykoMemcon, contentHash: 'hash-12-v3', title: 'Renamed in a batch' };
    const broken = { ...thompsonCable, contentHash: 'other', collectionId: 'no-such-collection' };
    await assert.rejects(archive.putDocuments([renamed, broken]));
    assert.deepEqual(await archive.getDocument(gromykoMemcon.id), gromykoMemcon);
    assert.deepEqual(await archive.stats(), before);
    assert.deepEqual(await archive.putDocuments([renamed, thompsonCable]), ['updated', 'unchanged']);
    assert.equal((await archive.getDocument(gromykoMemcon.id))?.title, 'Renamed in a batch');
    assert.deepEqual(await ids(archive, 'skeptical'), ['d40']);
  });

  it('documents a source file no longer holds are removed with their passages', async (archive) => {
    const removed = await archive.removeDocumentsOfSource(collection.sourcePath, new Set([gromykoMemcon.id]));
    assert.equal(removed, 3);
    assert.deepEqual(await archive.listDocumentIds(), [gromykoMemcon.id]);
    assert.equal((await archive.stats()).passages, gromykoMemcon.passages.length);
    assert.deepEqual(await ids(archive, 'Dobrynin'), []);
  });

  it('source files are recorded and read back', async (archive) => {
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

  it('stats count documents by collection, type, classification and decade', async (archive) => {
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

  it('words anywhere in a document, phrases inside one passage, boolean logic, prefixes, stemming', async (archive) => {
    assert.deepEqual(await ids(archive, 'Berlin'), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'Thompson haste'), ['d40']);
    assert.deepEqual((await ids(archive, '"strategic arms"')).sort(), ['d40', 'd77']);
    assert.deepEqual(await ids(archive, '"arms strategic"'), []);
    assert.deepEqual(await ids(archive, 'Berlin -Thompson'), ['d12']);
    assert.deepEqual(await ids(archive, 'Berlin NOT type:cable'), ['d12']);
    assert.deepEqual((await ids(archive, 'Laos OR Dobrynin OR skeptical')).sort(), ['d40', 'd77']);
    assert.deepEqual(await ids(archive, 'missil*'), ['d77']);
    assert.deepEqual(await ids(archive, 'accepts'), ['d12']);
  });

  it('snippets mark matches with «« »» inside one passage and give its link', async (archive) => {
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

  it('filters: type, date overlap, class, caveat, collection', async (archive) => {
    assert.deepEqual(await ids(archive, 'type:memo'), ['d77']);
    assert.deepEqual(await ids(archive, 'date:1964..1966-11', { sort: 'date-asc' }), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'date:1966-11-02'), ['d40']);
    assert.deepEqual(await ids(archive, 'date:..1965'), ['d12']);
    assert.deepEqual(await ids(archive, 'date:1967-01-01..'), ['d77']);
    assert.deepEqual(await ids(archive, 'class:top-secret'), ['d77']);
    assert.deepEqual(await ids(archive, 'caveat:nodis'), ['d40']);
    assert.deepEqual(await ids(archive, 'caveat:exdis Berlin'), ['d12']);
    assert.equal((await ids(archive, 'collection:frus1964-68v14')).length, 4);
    assert.equal((await ids(archive, 'collection:frus1964*')).length, 4);
    assert.deepEqual(await ids(archive, 'collection:frus1969-76v12'), []);
    assert.deepEqual(await ids(archive, 'type:memcon OR type:memo', { sort: 'date-asc' }), ['d12', 'd77']);
  });

  it('filters alone list documents by date, undated last, with paging', async (archive) => {
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
    // Pages that straddle or pass the last dated document, both ways, whether the matches were
    // all counted (few) or not (many: here, more than a count limit of 1).
    for (const countLimit of [1000, 1]) {
      const pageOf = async (offset: number, sort: 'date-asc' | 'date-desc') =>
        (await archive.search({ query: { type: 'all' }, limit: 2, offset, sort, countLimit })).hits.map(
          (hit) => hit.documentId.split('/')[1],
        );
      assert.deepEqual(await pageOf(0, 'date-asc'), ['d12', 'd40'], `count limit ${countLimit}`);
      assert.deepEqual(await pageOf(2, 'date-asc'), ['d77', 'd1'], `count limit ${countLimit}`);
      assert.deepEqual(await pageOf(3, 'date-asc'), ['d1'], `count limit ${countLimit}`);
      assert.deepEqual(await pageOf(1, 'date-desc'), ['d40', 'd12'], `count limit ${countLimit}`);
      assert.deepEqual(await pageOf(3, 'date-desc'), ['d1'], `count limit ${countLimit}`);
      assert.deepEqual(await pageOf(4, 'date-desc'), [], `count limit ${countLimit}`);
    }
  });

  it('words sorted by date: pages alike whether every match was counted or not', async (archive) => {
    const query = 'Soviet OR Thompson';
    const expected = { 'date-asc': ['d12', 'd40', 'd1'], 'date-desc': ['d40', 'd12', 'd1'] };
    for (const sort of ['date-asc', 'date-desc'] as const) {
      // Few matches are sorted from the counted set; beyond a count limit of 1, the page comes
      // from walking the dates (SQLite).
      for (const countLimit of [1000, 1]) {
        for (let offset = 0; offset < 4; offset++) {
          assert.deepEqual(
            await ids(archive, query, { sort, countLimit, limit: 2, offset }),
            expected[sort].slice(offset, offset + 2),
            `${sort}, offset ${offset}, count limit ${countLimit}`,
          );
        }
      }
    }
  });

  it('relevance paging: pages do not overlap and add up to the total', async (archive) => {
    const all = await ids(archive, 'Gromyko OR Dobrynin OR Berlin');
    const first = await ids(archive, 'Gromyko OR Dobrynin OR Berlin', { limit: 2 });
    const second = await ids(archive, 'Gromyko OR Dobrynin OR Berlin', { limit: 2, offset: 2 });
    assert.deepEqual([...first, ...second], all);
  });

  it('person: by id, by surname, by full name in any order', async (archive) => {
    assert.deepEqual(await ids(archive, 'person:p_GAA1', { sort: 'date-asc' }), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'person:frus1964-68v14/p_TLE1'), ['d40']);
    assert.deepEqual(await ids(archive, 'person:Gromyko', { sort: 'date-asc' }), ['d12', 'd40']);
    assert.deepEqual(await ids(archive, 'person:"Anatoliy Dobrynin"'), ['d77']);
    assert.deepEqual(await ids(archive, 'person:Nobody'), []);
  });

  it('speaker: narrows words to the passages that person speaks', async (archive) => {
    assert.deepEqual(await ids(archive, 'speaker:Gromyko'), ['d12']);
    assert.deepEqual(await ids(archive, 'speaker:p_RD1'), ['d12']);
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

  it('facets count every match by type, decade, classification, collection, speaker, participant', async (archive) => {
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

  it('hostile queries never reach the engine as syntax', async (archive) => {
    const hostile = [
      'NEAR(a b)',
      '"',
      '*',
      'title:foo',
      'a OR',
      '^',
      ':',
      '{head}:x',
      "'; DROP TABLE documents; --",
      "it's",
      '\\',
      "'' & | ! <-> :*",
      'AND',
      '"" "',
    ];
    for (const value of hostile) {
      for (const prefix of [false, true]) {
        const response = await archive.search({ query: { type: 'term', value, prefix }, facets: true });
        assert.ok(response.total >= 0);
      }
      await archive.search({ query: { type: 'filter', field: 'speaker', value } });
      await archive.search({ query: { type: 'filter', field: 'person', value } });
    }
    await archive.search({ query: { type: 'phrase', words: ['NEAR', '(', '"', "'", '&'] } });
    await archive.search({ query: { type: 'filter', field: 'person', value: '%_\\' } });
    await archive.search({ query: { type: 'not', child: { type: 'term', value: '"', prefix: true } } });
    assert.equal((await archive.stats()).documents, 4);
    assert.deepEqual(await ids(archive, '"NEAR(Berlin"'), []);
    assert.deepEqual(await ids(archive, '"title:Berlin"'), []);
  });

  it('ingest and searches run at the same time', async (archive) => {
    const more = Array.from({ length: 20 }, (_, i) =>
      frusDocument({
        number: String(200 + i),
        title: `Telegram ${i} on Berlin`,
        type: 'cable',
        date: '1965-01-01',
        level: 'SECRET',
        paragraphs: [{ text: `Berlin access report number ${i}.` }],
      }),
    );
    const searches = Array.from({ length: 20 }, () =>
      archive.search({ query: parseQuery('Berlin'), facets: true }),
    );
    const [outcomes, responses] = await Promise.all([
      Promise.all(more.map((document) => archive.putDocument(document))),
      Promise.all(searches),
    ]);
    assert.ok(outcomes.every((outcome) => outcome === 'added'));
    for (const response of responses) assert.ok(response.total >= 2 && response.total <= 22);
    assert.equal((await archive.search({ query: parseQuery('Berlin') })).total, 22);
  });

  describeEmbargo(it, ids);
}

function describeEmbargo(
  it: (name: string, run: (archive: Archive) => Promise<void>) => void,
  ids: (archive: Archive, query: string, more?: Partial<SearchRequest>) => Promise<string[]>,
): void {
  const publicIds = (archive: Archive, query: string) => ids(archive, query, { viewer: PUBLIC_VIEWER });

  it('an unpublished document is invisible to the public and visible to staff', async (archive) => {
    await archive.putDocument(embargoedMemo);
    const publicBefore = await archive.stats(PUBLIC_VIEWER);
    assert.deepEqual(await archive.setPublished(embargoedMemo.id, false, 'editor-ann'), {
      kind: 'document',
      id: embargoedMemo.id,
      published: false,
      changed: true,
    });
    for (const query of [
      'Bluefinch',
      '"quartermaster ledger"',
      'person:Quillfeather',
      'type:memo',
      'class:top-secret',
    ]) {
      assert.ok(!(await publicIds(archive, query)).includes('d99'), query);
    }
    assert.deepEqual(await ids(archive, 'Bluefinch'), ['d99']);
    assert.deepEqual(await ids(archive, 'Bluefinch', { viewer: { canSeeUnpublished: true } }), ['d99']);
    assert.equal(await archive.getDocument(embargoedMemo.id, PUBLIC_VIEWER), null);
    assert.equal((await archive.getDocument(embargoedMemo.id))?.published, false);
    assert.ok(!(await archive.listDocumentIds(undefined, PUBLIC_VIEWER)).includes(embargoedMemo.id));

    const facets = (await archive.search({ query: { type: 'all' }, facets: true, viewer: PUBLIC_VIEWER }))
      .facets!;
    assert.ok(!JSON.stringify(facets).includes('Quillfeather'));
    assert.deepEqual(
      facets.type!.find((f) => f.value === 'memo'),
      { value: 'memo', count: 1 },
    );
    const stats = await archive.stats(PUBLIC_VIEWER);
    assert.equal(stats.documents, 4);
    assert.equal(stats.passages, 12);
    assert.equal(stats.redactions, 2);
    assert.deepEqual(stats.collections, [{ id: collection.id, title: collection.title, documents: 4 }]);
    assert.equal(publicBefore.documents, 5);
    assert.equal((await archive.stats()).documents, 5);
  });

  it('an embargo outlives re-ingesting the document and its collection', async (archive) => {
    await archive.putDocument(embargoedMemo);
    await archive.setPublished(embargoedMemo.id, false, 'editor-ann');
    await archive.setPublished(collection.id, false, 'editor-ann');
    await archive.putCollection({ ...collection, published: true }, persons);
    assert.equal(
      await archive.putDocument({ ...embargoedMemo, contentHash: 'v2', published: true }),
      'updated',
    );
    assert.equal((await archive.getDocument(embargoedMemo.id))?.published, false);
    assert.equal((await archive.getCollection(collection.id))?.published, false);
  });

  it('an unpublished collection hides its documents, persons and counts', async (archive) => {
    const result = await archive.setPublished(collection.id, false, 'admin-bo');
    assert.deepEqual(result, { kind: 'collection', id: collection.id, published: false, changed: true });
    assert.deepEqual(await publicIds(archive, 'Berlin'), []);
    assert.equal((await archive.search({ query: { type: 'all' }, viewer: PUBLIC_VIEWER })).total, 0);
    assert.equal(await archive.getDocument(gromykoMemcon.id, PUBLIC_VIEWER), null);
    assert.equal(await archive.getCollection(collection.id, PUBLIC_VIEWER), null);
    assert.deepEqual(await archive.listCollections(PUBLIC_VIEWER), []);
    assert.equal(await archive.getPerson(persons[0]!.id, PUBLIC_VIEWER), null);
    assert.deepEqual(await archive.listPersons(undefined, PUBLIC_VIEWER), []);
    const stats = await archive.stats(PUBLIC_VIEWER);
    assert.deepEqual(
      {
        documents: stats.documents,
        passages: stats.passages,
        persons: stats.persons,
        redactions: stats.redactions,
      },
      { documents: 0, passages: 0, persons: 0, redactions: 0 },
    );
    assert.deepEqual(stats.collections, []);
    assert.deepEqual(await ids(archive, 'Berlin'), ['d12', 'd40']);

    assert.equal((await archive.setPublished(collection.id, true, 'admin-bo')).changed, true);
    assert.deepEqual(await publicIds(archive, 'Berlin'), ['d12', 'd40']);
    const log = await archive.auditLog();
    assert.deepEqual(
      log.map((entry) => [entry.actor, entry.action, entry.kind, entry.target]),
      [
        ['admin-bo', 'publish', 'collection', collection.id],
        ['admin-bo', 'unpublish', 'collection', collection.id],
      ],
    );
    assert.ok(!Number.isNaN(Date.parse(log[0]!.at)));
  });

  it('publishing an unknown id is refused and logs nothing', async (archive) => {
    await assert.rejects(archive.setPublished('nothing/here', false, 'x'), UnknownRecordError);
    assert.deepEqual(await archive.auditLog(), []);
  });

  it('accounts: users, token hashes and sessions', async (archive) => {
    const ann = await archive.accounts.addUser('ann', 'editor');
    assert.equal(ann.role, 'editor');
    await assert.rejects(archive.accounts.addUser('ann', 'reader'), /already exists/);
    await archive.accounts.addToken(ann.id, 'hash-of-token', 'cli');
    assert.deepEqual(await archive.accounts.findUserByToken('hash-of-token'), ann);
    assert.equal(await archive.accounts.findUserByToken('other'), null);
    const now = new Date('2030-01-01T00:00:00Z');
    await archive.accounts.addSession('session-hash', ann.id, 'csrf-hash', new Date(now.getTime() + 60_000));
    assert.equal((await archive.accounts.findSession('session-hash', now))?.csrfHash, 'csrf-hash');
    assert.equal(await archive.accounts.findSession('session-hash', new Date(now.getTime() + 120_000)), null);
    await archive.accounts.deleteSession('session-hash');
    assert.equal(await archive.accounts.findSession('session-hash', now), null);
    assert.deepEqual(
      (await archive.accounts.listUsers()).map((u) => u.name),
      ['ann'],
    );
  });
}

export { dobryninMemo };
