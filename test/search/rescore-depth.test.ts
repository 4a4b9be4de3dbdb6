/**
 * Deep result pages on the SQLite engine: the first stage's best documents are re-scored by the
 * shared BM25 and deeper ones keep the index's order. On the BEIR SciFact corpus (real abstracts,
 * one passage each), a 100-hit page must equal ten 10-hit pages, scores must fall down the list,
 * and every hit past the re-scored ones still shows a highlighted snippet.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { beirCorpusReader } from '../../src/ingest/beir/index.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { naturalLanguageQuery } from '../../src/search/natural.js';
import { parseQuery } from '../../src/search/parser.js';
import type { QueryNode } from '../../src/search/ast.js';
import type { SearchResponse } from '../../src/search/types.js';
import { openSqliteArchive, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { scratchDir, sharedRoot } from '../helpers/paths.js';

const scratch = scratchDir('declass-rescore-');
let archive: SqliteArchive;
let collectionId: string;

before(async () => {
  archive = await openSqliteArchive(join(scratch.dir, 'scifact.db'));
  const corpus = join(sharedRoot, 'benchmarks', 'beir-scifact', 'corpus.jsonl');
  const summary = await ingestPaths(archive, [corpus], { readers: [beirCorpusReader] });
  collectionId = summary.collections[0]!.id;
});

after(async () => {
  await archive.close();
  scratch.cleanup();
});

async function pages(query: QueryNode, pageSize: number, count: number): Promise<SearchResponse['hits']> {
  const hits: SearchResponse['hits'] = [];
  for (let page = 0; page < count; page++)
    hits.push(...(await archive.search({ query, limit: pageSize, offset: page * pageSize })).hits);
  return hits;
}

const WORDS = 'tumour OR suppressor OR genes OR breast OR cancer OR cells';
for (const [name, build] of [
  ['words alone', () => parseQuery(WORDS)],
  // A document condition takes the other first-stage statement (matches joined to documents).
  ['words and a filter', () => parseQuery(`(${WORDS}) collection:${collectionId}`)],
] as const) {
  test(`deep pages: one order for every page size, scores falling, snippets highlighted (${name})`, async () => {
    const query = build();
    const whole = await archive.search({ query, limit: 100 });
    assert.ok(whole.total > 100, `the query matches ${whole.total} documents, more than one deep page`);
    assert.equal(whole.hits.length, 100);

    const paged = await pages(query, 10, 10);
    assert.deepEqual(
      paged.map((hit) => hit.documentId),
      whole.hits.map((hit) => hit.documentId),
    );

    for (let i = 1; i < whole.hits.length; i++)
      assert.ok(
        whole.hits[i]!.score <= whole.hits[i - 1]!.score,
        `hit ${i + 1} (${whole.hits[i]!.score}) scores above hit ${i} (${whole.hits[i - 1]!.score})`,
      );
    assert.ok(whole.hits.at(-1)!.score > 0);

    for (const hit of whole.hits) {
      assert.ok(hit.passages.length > 0, `${hit.documentId} has no passage`);
      assert.match(hit.passages[0]!.snippet, /««[^»]+»»/, `${hit.documentId}: no highlighted match`);
      assert.equal(hit.passages[0]!.link, `${hit.documentId}#p${hit.passages[0]!.ordinal}`);
    }
  });
}

test('the first page is the same whether 10 or 100 hits are asked for', async () => {
  const query = naturalLanguageQuery('vitamin D deficiency and the risk of fractures in older adults');
  const ten = await archive.search({ query, limit: 10 });
  const hundred = await archive.search({ query, limit: 100 });
  assert.deepEqual(
    ten.hits.map((hit) => [hit.documentId, hit.score]),
    hundred.hits.slice(0, 10).map((hit) => [hit.documentId, hit.score]),
  );
  assert.equal(ten.total, hundred.total);
});
