/**
 * `declass ingest` end to end on the shared FRUS volumes: counts, idempotence, recovery from
 * a SIGKILL, and a folder of bad files.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { archiveDigest } from '../helpers/archive-digest.js';
import { runCli, runCliAndKill } from '../helpers/cli.js';
import { scratchDir, volumePath, volumesDir } from '../helpers/paths.js';

const scratch = scratchDir();
const referenceDb = join(scratch.dir, 'reference.db');
after(() => scratch.cleanup());

interface Summary {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: { path: string; reason: string }[];
  collections: { id: string; documents: number }[];
}

function ingestJson(
  db: string,
  ...paths: string[]
): { status: number | null; summary: Summary; stderr: string } {
  const result = runCli(['--db', db, 'ingest', '--json', '--quiet', ...paths]);
  return { status: result.status, summary: JSON.parse(result.stdout) as Summary, stderr: result.stderr };
}

before(() => {
  const first = ingestJson(referenceDb, volumesDir);
  assert.equal(first.status, 0, first.stderr);
});

test('the six shared volumes give 1,584 documents in 6 collections, and a second run changes nothing', async () => {
  const archive = await openSqliteArchive(referenceDb);
  const before_ = await archiveDigest(archive);
  await archive.close();
  assert.equal(before_.documents, 1584);

  const again = ingestJson(referenceDb, volumesDir);
  assert.equal(again.status, 0);
  assert.equal(again.summary.unchanged, 1584);
  assert.equal(again.summary.added + again.summary.updated + again.summary.removed, 0);
  assert.equal(again.summary.collections.length, 6);

  const reopened = await openSqliteArchive(referenceDb);
  assert.equal((await archiveDigest(reopened)).digest, before_.digest);
  await reopened.close();
});

test('stats --json counts documents by collection, type, classification and decade', () => {
  const result = runCli(['--db', referenceDb, 'stats', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const stats = JSON.parse(result.stdout) as {
    documents: number;
    collections: { id: string; documents: number }[];
    types: Record<string, number>;
    decades: Record<string, number>;
  };
  assert.equal(stats.documents, 1584);
  assert.equal(stats.collections.find((c) => c.id === 'frus1969-76v12')?.documents, 229);
  assert.ok((stats.types.memcon ?? 0) > 300, `memcons: ${stats.types.memcon}`);
  assert.deepEqual(Object.keys(stats.decades).sort(), ['1950s', '1960s', '1970s']);
});

test('an ingest killed with SIGKILL and run again leaves exactly the archive of an uninterrupted run', async () => {
  const reference = await openSqliteArchive(referenceDb);
  const expected = await archiveDigest(reference);
  await reference.close();

  const killedDb = join(scratch.dir, 'killed.db');
  // A random point inside the run (which takes a second or two), printed so a failure can be replayed.
  const delay = 150 + Math.floor(Math.random() * 900);
  const { killed } = await runCliAndKill(['--db', killedDb, 'ingest', '--quiet', volumesDir], delay);
  console.log(`killed after ${delay} ms: ${killed}`);
  const rerun = ingestJson(killedDb, volumesDir);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.equal(rerun.summary.added + rerun.summary.unchanged + rerun.summary.updated, 1584);

  const recovered = await openSqliteArchive(killedDb);
  assert.deepEqual(await archiveDigest(recovered), expected);
  await recovered.close();
});

test('a folder with a malformed, an empty and a binary file still ingests its valid volume', async () => {
  const folder = join(scratch.dir, 'mixed');
  mkdirSync(folder);
  copyFileSync(volumePath('frus1969-76ve15p1'), join(folder, 'frus1969-76ve15p1.xml'));
  writeFileSync(
    join(folder, 'broken.xml'),
    '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n<text><body><div type="document" xml:id="d1"><p>unclosed',
  );
  writeFileSync(join(folder, 'empty.xml'), '');
  writeFileSync(
    join(folder, 'scan.bin'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]),
  );
  const db = join(scratch.dir, 'mixed.db');
  const result = runCli(['--db', db, 'ingest', '--quiet', folder]);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /105 added/);
  const failures = result.stderr.split('\n').filter((line) => line.startsWith('failed: '));
  assert.equal(failures.length, 3, result.stderr);
  assert.match(result.stderr, /failed: .*broken\.xml: .+/);
  assert.match(result.stderr, /failed: .*empty\.xml: the file is empty/);
  assert.match(result.stderr, /failed: .*scan\.bin: binary content/);
});

test('a missing path is named, and reading commands refuse a missing archive', () => {
  const db = join(scratch.dir, 'none.db');
  const result = runCli(['--db', db, 'ingest', '--quiet', join(scratch.dir, 'no-such-folder')]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no-such-folder: no such file or folder/);
  const search = runCli(['--db', join(scratch.dir, 'absent.db'), 'search', 'NATO']);
  assert.equal(search.status, 2);
  assert.match(search.stderr, /no archive at .*absent\.db/);
});
