/**
 * Serving the built web UI: assets, the app's own paths answered with index.html (so shared
 * links open in the reader), a strict content security policy, and 404s elsewhere.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import { buildTestArchive, type TestArchive } from './fixture.js';
import { ensureWebBuilt } from './web-build.js';

let site: TestArchive;
let app: FastifyInstance;

before(async () => {
  const staticDir = ensureWebBuilt();
  site = await buildTestArchive([]);
  app = await buildServer({ archive: site.archive, staticDir });
});

after(async () => {
  await app?.close();
  await site?.close();
});

test('the app paths answer with the UI page and a content security policy', async () => {
  for (const url of [
    '/',
    '/search?q=Berlin',
    '/d/frus1969-76v12/d86',
    '/person/frus1969-76v12/p_KHA1',
    '/timeline',
  ]) {
    const response = await app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 200, url);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, /<div id="root">/);
    const policy = String(response.headers['content-security-policy']);
    assert.match(policy, /script-src 'self'/);
    assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
  }
});

test('built assets are served and cached for good', async () => {
  const page = await app.inject({ method: 'GET', url: '/' });
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
  assert.ok(script, 'index.html loads a fingerprinted script');
  const asset = await app.inject({ method: 'GET', url: script });
  assert.equal(asset.statusCode, 200);
  assert.match(String(asset.headers['cache-control']), /immutable/);
});

test('paths outside the app and the API are 404s, in JSON', async () => {
  const response = await app.inject({ method: 'GET', url: '/wp-admin.php' });
  assert.equal(response.statusCode, 404);
  assert.match(response.json<{ message: string }>().message, /wp-admin/);
});
