/**
 * The embargo leak test: an unpublished document's unique phrase and unique participant, and an
 * unpublished collection's person, are asked for through every public API route and never come
 * back; counts and facets leave them out. Signed-in staff do see them, which shows the viewer
 * reaches the archive. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set (required in CI).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Collection, Person } from '../../src/records/schema.js';
import { createUserWithToken } from '../../src/server/auth/users.js';
import { buildServer } from '../../src/server/index.js';
import type { Archive } from '../../src/store/archive.js';
import { openPostgresArchive } from '../../src/store/postgres/index.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { embargoedMemo } from '../store/contract.js';
import { allFixtures, collection, frusDocument, persons } from '../store/sqlite-fixtures.js';
import { scratchDir } from '../helpers/paths.js';
import { freshSchema, skipWithoutPostgres } from '../helpers/postgres.js';

const sealedCollection = Collection.parse({ ...collection, id: 'frus-sealed', title: 'Sealed volume' });
const sealedPerson = Person.parse({
  id: 'frus-sealed/p_QZ1',
  collectionId: 'frus-sealed',
  localId: 'p_QZ1',
  name: 'Quillfeather, Zebedee',
  description: 'Keeper of the Bluefinch ledger',
});
const sealedDocument = {
  ...frusDocument({
    number: '5',
    title: 'Memorandum of Conversation: the Bluefinch ledger',
    type: 'memcon' as const,
    date: '1968-03-01',
    level: 'SECRET' as const,
    paragraphs: [
      {
        text: 'Quillfeather said the quartermaster ledger of Operation Bluefinch would stay sealed.',
        speaker: ['p_QZ1', 'Quillfeather, Zebedee', 'Quillfeather'] as [string, string, string],
      },
    ],
    participants: [['p_QZ1', 'Quillfeather, Zebedee']],
    mentions: ['p_QZ1'],
  }),
  id: 'frus-sealed/d5',
  collectionId: 'frus-sealed',
};

/** Words that exist only in embargoed records. */
const SECRETS = ['bluefinch', 'quillfeather', 'quartermaster', 'ledger', 'zebedee', 'frus-sealed', 'd99'];

interface Setup {
  app: FastifyInstance;
  tokens: { admin: string; editor: string; reader: string };
}

async function setUp(archive: Archive): Promise<Setup> {
  await archive.putCollection(collection, persons);
  for (const document of [...allFixtures, embargoedMemo]) await archive.putDocument(document);
  await archive.putCollection(sealedCollection, [sealedPerson]);
  await archive.putDocument(sealedDocument);
  await archive.setPublished(embargoedMemo.id, false, 'setup');
  await archive.setPublished(sealedCollection.id, false, 'setup');
  const tokens = {
    admin: (await createUserWithToken(archive.accounts, 'ada', 'admin')).token,
    editor: (await createUserWithToken(archive.accounts, 'ed', 'editor')).token,
    reader: (await createUserWithToken(archive.accounts, 'rita', 'reader')).token,
  };
  return { app: await buildServer({ archive, staticDir: null }), tokens };
}

/** Every public GET route, asked about the embargoed records. */
const PUBLIC_GETS = [
  '/api/search?q=Bluefinch',
  '/api/search?q=%22quartermaster%20ledger%22',
  '/api/search?q=Quillfeather&facets=true',
  '/api/search?q=person:Quillfeather',
  '/api/search?q=person:p_QZ1',
  '/api/search?q=speaker:Quillfeather',
  '/api/search?q=collection:frus-sealed',
  '/api/search?q=type:memo%20OR%20type:memcon&facets=true&limit=100',
  '/api/search?q=&facets=true&limit=100',
  '/api/search?q=date:1968&sort=date-asc&facets=true',
  '/api/timeline?q=Bluefinch',
  '/api/timeline?q=',
  '/api/timeline?q=&by=month&year=1968',
  '/api/documents/frus1964-68v14/d99',
  '/api/documents/frus1964-68v14/d99/passages/2',
  '/api/documents/frus1964-68v14/d99/cite',
  '/api/documents/frus-sealed/d5',
  '/api/documents/frus-sealed/d5/cite?ordinal=2',
  '/api/persons/frus-sealed/p_QZ1',
  '/api/persons/frus1964-68v14/p_GAA1',
  '/api/collections',
  '/api/stats',
  '/api/session',
  '/api/openapi.json',
];

/**
 * The body without what the request itself said: search and timeline echo the query, and a 404
 * names the id that was asked for (the same answer as for an id that never existed).
 */
function withoutEcho(route: string, body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = body;
  }
  if (json !== null && typeof json === 'object' && 'query' in json)
    delete (json as { query?: unknown }).query;
  let text = JSON.stringify(json);
  for (const segment of new URL(route, 'http://x').pathname.split('/').filter((s) => s.length >= 2)) {
    text = text.replaceAll(segment, '');
  }
  return text;
}

function assertNoSecrets(route: string, body: string): void {
  const lower = withoutEcho(route, body).toLowerCase();
  for (const secret of SECRETS) assert.ok(!lower.includes(secret), `${route} leaks "${secret}"`);
}

function embargoSuite(
  engine: string,
  open: () => Promise<{ archive: Archive; dispose(): Promise<void> }>,
): void {
  test(`${engine}: no public route shows an embargoed document, collection or person`, async () => {
    const { archive, dispose } = await open();
    const { app } = await setUp(archive);
    try {
      for (const route of PUBLIC_GETS) {
        const response = await app.inject({ method: 'GET', url: route });
        assert.ok(
          [200, 404].includes(response.statusCode),
          `${route}: ${response.statusCode} ${response.body}`,
        );
        assertNoSecrets(route, response.body);
      }
      const everything = (await app.inject({ url: '/api/search?q=&facets=true&limit=100' })).json();
      assert.equal(everything.total, 4);
      assert.deepEqual(everything.facets.collection, [{ value: collection.id, count: 4 }]);
      assert.deepEqual(
        everything.facets.type.find((f: { value: string }) => f.value === 'memo'),
        { value: 'memo', count: 1 },
      );
      const stats = (await app.inject({ url: '/api/stats' })).json();
      assert.equal(stats.documents, 4);
      assert.equal(stats.passages, 12);
      assert.equal(stats.persons, 4);
      assert.equal(stats.redactions, 2);
      assert.equal((await app.inject({ url: '/api/timeline?q=' })).json().total, 4);
      assert.equal((await app.inject({ url: '/api/documents/frus1964-68v14/d99' })).statusCode, 404);
      assert.equal((await app.inject({ url: '/api/persons/frus-sealed/p_QZ1' })).statusCode, 404);

      // Claim checking cites only what the public may see.
      const check = await app.inject({
        method: 'POST',
        url: '/api/check',
        payload: {
          text: 'Zebedee Quillfeather told the Secretary that Operation Bluefinch would stay sealed.',
        },
      });
      assert.equal(check.statusCode, 200, check.body);
      for (const secret of ['d99', 'frus-sealed/', 'ledger', 'quartermaster']) {
        assert.ok(!check.body.toLowerCase().includes(secret), `/api/check leaks "${secret}"`);
      }
    } finally {
      await app.close();
      await archive.close();
      await dispose();
    }
  });

  test(`${engine}: staff see embargoed records; editors publish with a token or a session and CSRF token`, async () => {
    const { archive, dispose } = await open();
    const { app, tokens } = await setUp(archive);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    try {
      const asReader = await app.inject({ url: '/api/search?q=Bluefinch', headers: bearer(tokens.reader) });
      assert.equal(asReader.json().total, 2);
      const document = await app.inject({
        url: '/api/documents/frus-sealed/d5',
        headers: bearer(tokens.reader),
      });
      assert.equal(document.statusCode, 200);
      assert.equal(
        (await app.inject({ url: '/api/stats', headers: bearer(tokens.editor) })).json().documents,
        6,
      );
      assert.equal(
        (await app.inject({ url: '/api/search?q=x', headers: bearer('dcl_forged') })).statusCode,
        401,
      );
      const check = await app.inject({
        method: 'POST',
        url: '/api/check',
        headers: bearer(tokens.reader),
        payload: {
          text: 'Zebedee Quillfeather told the Secretary that Operation Bluefinch would stay sealed.',
        },
      });
      assert.match(
        check.body,
        /frus-sealed\/d5|frus1964-68v14\/d99/,
        'staff claim checks cite embargoed records',
      );

      const publish = {
        method: 'POST' as const,
        url: '/api/publish',
        payload: { id: embargoedMemo.id, published: true },
      };
      assert.equal((await app.inject(publish)).statusCode, 401);
      assert.equal((await app.inject({ ...publish, headers: bearer(tokens.reader) })).statusCode, 403);

      // A web session: the cookie alone cannot publish; with the CSRF token it can.
      const login = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { token: tokens.editor },
      });
      assert.equal(login.statusCode, 200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      assert.match(String(login.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
      const { csrfToken } = login.json();
      assert.equal((await app.inject({ url: '/api/session', headers: { cookie } })).json().user.name, 'ed');
      assert.equal(
        (await app.inject({ url: '/api/search?q=Bluefinch', headers: { cookie } })).json().total,
        2,
      );
      const forged = await app.inject({ ...publish, headers: { cookie } });
      assert.equal(forged.statusCode, 403);
      assert.match(forged.json().message, /CSRF/);
      const wrong = await app.inject({ ...publish, headers: { cookie, 'x-csrf-token': 'guess' } });
      assert.equal(wrong.statusCode, 403);
      const done = await app.inject({ ...publish, headers: { cookie, 'x-csrf-token': csrfToken } });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(done.json(), {
        kind: 'document',
        id: embargoedMemo.id,
        published: true,
        changed: true,
      });
      assert.equal((await app.inject({ url: '/api/search?q=Bluefinch' })).json().total, 1);

      const audit = await app.inject({ url: '/api/audit', headers: bearer(tokens.editor) });
      assert.deepEqual(
        audit
          .json()
          .map((e: { actor: string; action: string; target: string }) => [e.actor, e.action, e.target]),
        [
          ['ed', 'publish', embargoedMemo.id],
          ['setup', 'unpublish', sealedCollection.id],
          ['setup', 'unpublish', embargoedMemo.id],
        ],
      );
      assert.equal((await app.inject({ url: '/api/audit', headers: bearer(tokens.reader) })).statusCode, 403);
      assert.equal((await app.inject({ url: '/api/audit' })).statusCode, 401);

      const newUser = {
        method: 'POST' as const,
        url: '/api/users',
        payload: { name: 'newbie', role: 'reader' },
      };
      assert.equal((await app.inject({ ...newUser, headers: bearer(tokens.editor) })).statusCode, 403);
      const created = await app.inject({ ...newUser, headers: bearer(tokens.admin) });
      assert.equal(created.statusCode, 200);
      assert.match(created.json().token, /^dcl_/);
      assert.equal((await app.inject({ ...newUser, headers: bearer(tokens.admin) })).statusCode, 409);

      const logout = await app.inject({
        method: 'DELETE',
        url: '/api/session',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      assert.equal(logout.statusCode, 204);
      assert.equal((await app.inject({ url: '/api/session', headers: { cookie } })).json().user, null);
    } finally {
      await app.close();
      await archive.close();
      await dispose();
    }
  });
}

embargoSuite('sqlite', async () => {
  const scratch = scratchDir('declass-embargo-');
  const archive = await openSqliteArchive(join(scratch.dir, 'archive.db'));
  return { archive, dispose: async () => scratch.cleanup() };
});

const skip = skipWithoutPostgres();
if (skip) {
  test('postgres: embargo leak test', { skip }, () => {});
} else {
  embargoSuite('postgres', async () => {
    const schema = await freshSchema();
    const archive = await openPostgresArchive(schema.url, { poolSize: 8 });
    return { archive, dispose: () => schema.drop() };
  });
}
