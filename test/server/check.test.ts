/**
 * POST /api/check over a real archive: the example article's misattribution comes back with
 * the passage and its speaker; bad bodies get clear 4xx answers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { CheckReport } from '../../src/check/types.js';
import { buildServer } from '../../src/server/index.js';
import { buildTestArchive, EXAMPLE_ARTICLE, type TestArchive } from './fixture.js';

let site: TestArchive;
let app: FastifyInstance;

before(async () => {
  site = await buildTestArchive([]);
  app = await buildServer({ archive: site.archive, staticDir: null });
});

after(async () => {
  await app?.close();
  await site?.close();
});

test('the example article: the "domestic considerations" claim is misattributed, citing Clinton', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/check',
    payload: { text: readFileSync(EXAMPLE_ARTICLE, 'utf8'), source: 'article.txt' },
  });
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json<CheckReport>();
  const domestic = report.claims.find((c) => /domestic political considerations/.test(c.claim.text));
  assert.ok(domestic, 'the claim is found');
  assert.equal(domestic.result.verdict, 'misattributed');
  const citation = domestic.result.citations[0]!;
  assert.match(citation.quote, /domestic considerations inside Russia will prevent this/);
  assert.match(citation.speaker ?? '', /^Clinton/);
  assert.match(citation.link, /^clinton-putin-2000\/memcon-excerpts#p\d+$/);
  const twelve = report.claims.find((c) => /twelve additional countries/.test(c.claim.text));
  assert.equal(twelve?.result.verdict, 'contradicted');
  assert.ok(twelve?.result.computation?.some((step) => /13/.test(step)));
  assert.ok(report.counts.supported >= 1);
});

test('HTML with scripts is read as text; an empty or missing text is a 400', async () => {
  const html = await app.inject({
    method: 'POST',
    url: '/api/check',
    payload: {
      text: '<p>Clinton said NATO enlargement does not threaten Russia.</p><script>alert(1)</script>',
    },
  });
  assert.equal(html.statusCode, 200, html.body);
  const report = html.json<CheckReport>();
  assert.equal(report.wasHtml, true);
  assert.ok(report.claims.every((c) => !/alert/.test(c.claim.text)));

  for (const payload of [{ text: '' }, {}, { text: 'x', extra: 1 }]) {
    const bad = await app.inject({ method: 'POST', url: '/api/check', payload });
    assert.equal(bad.statusCode, 400, JSON.stringify(payload));
    assert.ok(bad.json<{ message: string }>().message.length > 0);
  }
});

test('claims with dates and figures come back with their parsed parts', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/check',
    payload: {
      text: 'On June 4, 2000, Clinton told Putin in Moscow that NATO enlargement does not threaten Russia. Twelve countries have joined NATO since March 1, 2001.',
    },
  });
  assert.equal(response.statusCode, 200, response.body);
  const report = response.json<CheckReport>();
  const dated = report.claims.find((c) => c.claim.eventDate !== null);
  assert.ok(dated, 'a claim keeps its event date');
  assert.equal(dated.claim.eventDate!.year, 2000);
  assert.equal(dated.claim.eventDate!.month, 6);
  const counted = report.claims.find((c) => c.claim.numbers.length > 0);
  assert.ok(counted, 'a claim keeps its figure');
  assert.equal(counted.claim.numbers[0]!.low, 12);
});

test('a body over the limit is refused with 413 before any work', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/check',
    payload: { text: 'a'.repeat(7 * 1024 * 1024) },
  });
  assert.equal(response.statusCode, 413);
});
