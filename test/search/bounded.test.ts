/**
 * Bounded search on the SQLite engine: totals and facets stop at the count limit and say so;
 * words too common to rank every match still honour filters, word conditions and the embargo.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import type { Document } from '../../src/records/schema.js';
import { parseQuery } from '../../src/search/parser.js';
import { rankTerm, TermCounter } from '../../src/search/rank.js';
import { tokenize } from '../../src/search/porter.js';
import { openSqliteArchive, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { PUBLIC_VIEWER } from '../../src/store/visibility.js';
import { collection, frusDocument, persons } from '../store/sqlite-fixtures.js';
import { scratchDir } from '../helpers/paths.js';

const scratch = scratchDir('declass-bounded-');
let archive: SqliteArchive;

/** A document with `count` paragraphs of the given text. */
function bulk(number: string, title: string, text: string, count: number): Document {
  return frusDocument({
    number,
    title,
    type: number === '1' ? 'memo' : 'cable',
    date: '1965-01-01',
    level: 'SECRET',
    paragraphs: Array.from({ length: count }, (_, i) => ({ text: `${text} ${i}` })),
  });
}

before(async () => {
  archive = await openSqliteArchive(join(scratch.dir, 'archive.db'));
  await archive.putCollection(collection, persons);
  // 36,000 passages with "alpha": more than the index ranks in full for one query.
  const documents = [
    bulk('1', 'Alpha report', 'alpha common words', 12_000),
    bulk('2', 'Alpha cable', 'alpha common words and bravo', 12_000),
    bulk('3', 'Alpha embargoed', 'alpha common words and bravo', 12_000),
    ...Array.from({ length: 30 }, (_, i) => bulk(String(100 + i), `Charlie ${i}`, 'charlie', 1)),
  ];
  await archive.putDocuments(documents);
  await archive.setPublished('frus1964-68v14/d3', false, 'editor');
});

after(async () => {
  await archive.close();
  scratch.cleanup();
});

test('totals and facets stop at the count limit and say so', async () => {
  const capped = await archive.search({ query: parseQuery('charlie'), countLimit: 10, facets: true });
  assert.equal(capped.total, 10);
  assert.equal(capped.totalExact, false);
  assert.equal(
    capped.facets!.type!.reduce((sum, facet) => sum + facet.count, 0),
    10,
  );
  const exact = await archive.search({ query: parseQuery('charlie'), countLimit: Infinity, facets: true });
  assert.equal(exact.total, 30);
  assert.equal(exact.totalExact, undefined);
  assert.deepEqual(exact.facets!.type, [{ value: 'cable', count: 30 }]);
  const filters = await archive.search({ query: parseQuery('type:cable'), countLimit: 5 });
  assert.equal(filters.total, 5);
  assert.equal(filters.totalExact, false);
});

test('common words: bounded ranking keeps word conditions, filters and the embargo', async () => {
  const ids = async (query: string, publicOnly = false) =>
    (
      await archive.search({
        query: parseQuery(query),
        limit: 10,
        ...(publicOnly ? { viewer: PUBLIC_VIEWER } : {}),
      })
    ).hits.map((hit) => hit.documentId.split('/d')[1]);
  const common = await archive.search({ query: parseQuery('alpha'), limit: 10 });
  assert.equal(common.rankingExact, false);
  assert.ok(common.hits.length > 0);
  for (const hit of common.hits) assert.match(hit.documentId, /\/d[123]$/);
  // Bounded candidates need not find every match, but what they find matches.
  const both = await ids('alpha bravo');
  assert.ok(both.length > 0 && both.every((id) => id === '2' || id === '3'));
  assert.deepEqual(await ids('alpha bravo', true), ['2']);
  assert.deepEqual(await ids('alpha -bravo'), ['1']);
  assert.deepEqual(await ids('alpha type:memo'), ['1']);
  const hidden = await archive.search({ query: parseQuery('alpha'), viewer: PUBLIC_VIEWER, facets: true });
  assert.ok(!hidden.hits.some((hit) => hit.documentId.endsWith('/d3')));
  assert.ok(hidden.hits[0]!.passages[0]!.snippet.includes('««alpha»»'));
});

test('the term counter counts what the tokenizer finds, with and without a known length', () => {
  const texts = [
    'Berlin access: the Berliners accessed BERLIN; access_road and berlin2.',
    'Négociations à Berlin — the Élysée negotiated access, αβ-access',
    'access\naccessing\r\naccesses',
  ];
  const terms = ['berlin', 'access', 'negotiation']
    .map((value) => rankTerm({ type: 'term', value, prefix: false })!)
    .concat(rankTerm({ type: 'term', value: 'berl', prefix: true })!);
  const counter = new TermCounter(terms);
  for (const text of texts) {
    const tokens = tokenize(text);
    const expected = terms.map(
      (term) =>
        tokens.filter((t) => (term.prefix ? t.startsWith(term.stems[0]!) : t === term.stems[0])).length,
    );
    assert.deepEqual(counter.count(text).tf, expected, text);
    assert.equal(counter.count(text).length, tokens.length, text);
    assert.deepEqual(counter.count(text, 99), { length: 99, tf: expected }, text);
  }
});
