/**
 * The HTTP API over a real archive (a shared FRUS volume and a hostile plain-text record),
 * through fastify.inject: every route, its errors, and the OpenAPI document.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Document } from '../../src/records/schema.js';
import { buildServer } from '../../src/server/index.js';
import type {
  CollectionSummary,
  PassageApiResponse,
  PersonPage,
  SearchApiResponse,
  Timeline,
} from '../../src/server/api-types.js';
import type { Citation } from '../../src/publish/citation.js';
import type { ArchiveStats } from '../../src/store/archive.js';
import { buildTestArchive, HOSTILE_DOCUMENT, TEST_VOLUME, type TestArchive } from './fixture.js';

let site: TestArchive;
let app: FastifyInstance;

before(async () => {
  site = await buildTestArchive();
  app = await buildServer({ archive: site.archive, staticDir: null });
});

after(async () => {
  await app?.close();
  await site?.close();
});

async function get<T>(url: string, status = 200): Promise<T> {
  const response = await app.inject({ method: 'GET', url });
  assert.equal(response.statusCode, status, `${url}: ${response.body}`);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  return response.json<T>();
}

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  position?: number;
}

test('search returns ranked documents with marked snippets, facets and paging', async () => {
  const first = await get<SearchApiResponse>('/api/search?q=Dobrynin%20Berlin&limit=5&facets=true');
  assert.ok(first.total > 5, `expected many matches, got ${first.total}`);
  assert.equal(first.hits.length, 5);
  assert.equal(first.query, 'Dobrynin Berlin');
  const hit = first.hits[0]!;
  assert.match(hit.documentId, new RegExp(`^${TEST_VOLUME}/d\\d+$`));
  assert.ok(
    hit.passages.some((p) => /««[^»]+»»/.test(p.snippet)),
    'a snippet marks its matches',
  );
  assert.ok(hit.passages.every((p) => p.link === `${hit.documentId}#p${p.ordinal}`));
  assert.ok(first.facets && Object.keys(first.facets).length > 0, 'facets are returned on request');
  // A volume is far below the count limit: the total and the ranking are exact, and say so.
  assert.equal(first.totalExact, true);
  assert.equal(first.rankingExact, true);

  const second = await get<SearchApiResponse>('/api/search?q=Dobrynin%20Berlin&limit=5&offset=5');
  assert.equal(second.offset, 5);
  assert.equal(second.facets, undefined);
  const firstIds = new Set(first.hits.map((h) => h.documentId));
  assert.ok(
    second.hits.every((h) => !firstIds.has(h.documentId)),
    'the second page holds other documents',
  );
});

test('filters and sort orders reach the engine', async () => {
  const memcons = await get<SearchApiResponse>(
    '/api/search?q=type:memcon%20date:1969&sort=date-asc&limit=20',
  );
  assert.ok(memcons.total > 0);
  assert.ok(memcons.hits.every((h) => h.type === 'memcon'));
  const dates = memcons.hits.map((h) => h.date ?? '');
  assert.deepEqual(dates, [...dates].sort(), 'date-asc sorts by date');
  assert.ok(dates.every((d) => d.startsWith('1969')));
});

test('a malformed query is a 400 that says where it broke', async () => {
  const body = await get<ErrorBody>(`/api/search?q=${encodeURIComponent('Berlin (access')}`, 400);
  assert.equal(body.error, 'Bad Request');
  assert.equal(body.position, 7);
  assert.match(body.message, /\(/);
  const badFilter = await get<ErrorBody>('/api/search?q=type:novel', 400);
  assert.match(badFilter.message, /type/);
});

test('out-of-range parameters are refused with a clear message', async () => {
  const tooMany = await get<ErrorBody>('/api/search?q=Berlin&limit=1000', 400);
  assert.match(tooMany.message, /limit/);
  const unknown = await get<ErrorBody>('/api/search?q=Berlin&colour=red', 400);
  assert.match(unknown.message, /additional properties|colour/i);
  const badSort = await get<ErrorBody>('/api/search?q=Berlin&sort=random', 400);
  assert.match(badSort.message, /sort/);
  const longQuery = await get<ErrorBody>(`/api/search?q=${'a'.repeat(2100)}`, 400);
  assert.match(longQuery.message, /q/);
});

test('a document comes back whole and valid against the records model', async () => {
  const [id] = await site.archive.listDocumentIds(TEST_VOLUME);
  const body = await get<unknown>(`/api/documents/${id}`);
  const document = Document.parse(body);
  assert.equal(document.id, id);
  assert.deepEqual(document, await site.archive.getDocument(id!));
});

test('a missing document or passage is a 404 that names it', async () => {
  const missing = await get<ErrorBody>(`/api/documents/${TEST_VOLUME}/d99999`, 404);
  assert.equal(missing.error, 'Not Found');
  assert.match(missing.message, new RegExp(`${TEST_VOLUME}/d99999`));
  const noPassage = await get<ErrorBody>(`/api/documents/${TEST_VOLUME}/d1/passages/99999`, 404);
  assert.match(noPassage.message, /passage 99999/);
  const noRoute = await get<ErrorBody>('/api/nothing-here', 404);
  assert.match(noRoute.message, /\/api\/nothing-here/);
});

test('a passage comes with its link and the notes anchored in it', async () => {
  const ids = await site.archive.listDocumentIds(TEST_VOLUME);
  let anchored: { id: string; ordinal: number; notes: number } | null = null;
  for (const id of ids) {
    const document = (await site.archive.getDocument(id))!;
    const note = document.passages.find((p) => p.kind === 'footnote' && p.anchor);
    if (note?.anchor) {
      const notes = document.passages.filter((p) => p.anchor?.ordinal === note.anchor!.ordinal).length;
      anchored = { id, ordinal: note.anchor.ordinal, notes };
      break;
    }
  }
  assert.ok(anchored, 'the volume has anchored footnotes');
  const body = await get<PassageApiResponse>(`/api/documents/${anchored.id}/passages/${anchored.ordinal}`);
  assert.equal(body.link, `${anchored.id}#p${anchored.ordinal}`);
  assert.equal(body.passage.ordinal, anchored.ordinal);
  assert.equal(body.footnotes.length, anchored.notes);
});

test('cite gives a Chicago note, CSL-JSON and RIS with the passage link', async () => {
  const [id] = await site.archive.listDocumentIds(TEST_VOLUME);
  const citation = await get<Citation>(`/api/documents/${id}/cite?ordinal=1`);
  assert.match(citation.chicago, /Foreign Relations of the United States/);
  assert.match(citation.chicago, /history\.state\.gov\/historicaldocuments\/frus1969-76v12\//);
  assert.equal(citation.link, `http://localhost:80/d/${id}#p1`);
  assert.equal(citation.csl.id, `${id}#p1`);
  assert.match(citation.ris, /^TY {2}- CHAP/);
  await get<ErrorBody>(`/api/documents/${id}/cite?ordinal=99999`, 404);
});

test('a person page lists the documents they figure in and what they say', async () => {
  const persons = await site.archive.listPersons(TEST_VOLUME);
  const kissinger = persons.find((p) => p.name.startsWith('Kissinger'));
  assert.ok(kissinger, 'the persons list has Kissinger');
  const page = await get<PersonPage>(`/api/persons/${kissinger.id}`);
  assert.equal(page.person.id, kissinger.id);
  assert.ok(page.documents.total > 10, `Kissinger figures in many documents (${page.documents.total})`);
  assert.ok(page.documents.hits.every((h) => h.documentId.startsWith(`${TEST_VOLUME}/`)));
  assert.ok(
    page.documents.hits.some((h) => h.roles.length > 0),
    'roles are given',
  );
  const dates = page.documents.hits.map((h) => h.date ?? '');
  assert.deepEqual(dates, [...dates].sort(), 'documents come in date order');
  const missing = await get<ErrorBody>(`/api/persons/${TEST_VOLUME}/p_NOBODY`, 404);
  assert.match(missing.message, /p_NOBODY/);
});

test('collections and stats describe the archive', async () => {
  const collections = await get<CollectionSummary[]>('/api/collections');
  const volume = collections.find((c) => c.collection.id === TEST_VOLUME);
  assert.ok(volume);
  assert.match(volume.collection.title, /Soviet Union/);
  const stats = await get<ArchiveStats>('/api/stats');
  assert.equal(stats.documents, (await site.archive.listDocumentIds()).length);
  assert.equal(volume.documents, (await site.archive.listDocumentIds(TEST_VOLUME)).length);
});

test('the timeline counts matching documents per year and per month', async () => {
  const timeline = await get<Timeline>(`/api/timeline?q=${encodeURIComponent(`collection:${TEST_VOLUME}`)}`);
  assert.equal(timeline.by, 'year');
  const years = timeline.buckets.map((b) => b.period);
  assert.ok(years.includes('1969') && years.includes('1970'), `years: ${years.join(', ')}`);
  const counted = timeline.buckets.reduce((sum, b) => sum + b.count, 0);
  assert.equal(counted + timeline.undated, timeline.total, 'every matching document is counted once');
  const months = await get<Timeline>(
    `/api/timeline?q=${encodeURIComponent(`collection:${TEST_VOLUME}`)}&by=month&year=1969`,
  );
  assert.equal(months.buckets.length, 12);
  assert.equal(
    months.buckets.reduce((sum, b) => sum + b.count, 0),
    timeline.buckets.find((b) => b.period === '1969')!.count,
  );
  await get<ErrorBody>('/api/timeline?by=month', 400);
});

test('the OpenAPI document describes every route with its schemas', async () => {
  const spec = await get<{
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  }>('/api/openapi.json');
  assert.match(spec.openapi, /^3\./);
  for (const path of [
    '/api/search',
    '/api/documents/{collection}/{doc}',
    '/api/documents/{collection}/{doc}/passages/{ordinal}',
    '/api/documents/{collection}/{doc}/cite',
    '/api/persons/{collection}/{person}',
    '/api/collections',
    '/api/stats',
    '/api/timeline',
  ]) {
    assert.ok(spec.paths[path]?.get, `${path} is documented`);
    assert.ok(spec.paths[path].get.responses['200'], `${path} declares its answer`);
  }
  assert.ok(spec.components.schemas['Document'], 'the Document schema is a named component');
  const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
});

test('a record holding markup comes back as data, byte for byte, in JSON', async () => {
  const response = await app.inject({ method: 'GET', url: `/api/documents/${HOSTILE_DOCUMENT}` });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  const document = Document.parse(response.json());
  const text = document.passages.map((p) => p.text).join('\n');
  assert.ok(text.includes(`<img src=x onerror="window.__declassXss = 'img'">`));
  assert.ok(text.includes(`<script>window.__declassXss = 'script'</script>`));
  const search = await get<SearchApiResponse>('/api/search?q=onerror');
  assert.equal(search.hits[0]?.documentId, HOSTILE_DOCUMENT);
});
