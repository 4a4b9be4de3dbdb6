import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import type { Reader } from '../../src/ingest/reader.js';
import type { Document } from '../../src/records/schema.js';
import { parseQuery } from '../../src/search/parser.js';
import { openSqliteArchive, type SqliteArchive } from '../../src/store/sqlite/index.js';
import { PUBLIC_VIEWER } from '../../src/store/visibility.js';
import { scratchDir, volumePath } from '../helpers/paths.js';
import { collection, dobryninMemo, gromykoMemcon, persons, thompsonCable } from '../store/sqlite-fixtures.js';

function readerOf(documents: Document[]): Reader {
  return {
    format: 'test',
    accepts: () => true,
    async *read() {
      yield { kind: 'collection', collection };
      yield { kind: 'persons', persons };
      for (const document of documents) yield { kind: 'document', document };
    },
  };
}

/**
 * A fresh archive in a scratch folder, with a stand-in source file to ingest; both removed
 * after. `writeThread` stores documents on the archive's second thread, as `declass ingest` does.
 */
async function withArchive(
  run: (archive: SqliteArchive, source: string) => Promise<void>,
  writeThread = false,
): Promise<void> {
  const scratch = scratchDir('declass-pipeline-');
  const source = join(scratch.dir, 'volume.test');
  writeFileSync(source, 'stand-in for a volume');
  const archive = await openSqliteArchive(join(scratch.dir, 'test.db'), { writeThread });
  try {
    await run(archive, source);
  } finally {
    await archive.close();
    scratch.cleanup();
  }
}

for (const writeThread of [false, true]) {
  const mode = writeThread ? ' (documents stored on the write thread)' : '';
  test(`a document that cannot be stored fails its file by name; the documents before it are kept${mode}`, async () => {
    await withArchive(async (archive, source) => {
      const first = dobryninMemo.passages[0]!;
      const broken = { ...dobryninMemo, passages: [first, { ...first, text: 'A second passage 0.' }] };
      const summary = await ingestPaths(archive, [source], {
        readers: [readerOf([gromykoMemcon, thompsonCable, broken])],
      });
      assert.equal(summary.added, 2);
      assert.equal(summary.failed.length, 1);
      assert.equal(summary.failed[0]!.path, source);
      assert.match(
        summary.failed[0]!.reason,
        new RegExp(`${dobryninMemo.id}: passage ordinal ${first.ordinal} occurs twice`),
      );
      assert.equal(summary.failed[0]!.documentsStored, 2);
      assert.deepEqual(await archive.listDocumentIds(), [gromykoMemcon.id, thompsonCable.id].sort());
      // The file is not marked complete, so the next run reads it again.
      assert.equal((await archive.getSourceFile(source))?.complete ?? false, false);
    }, writeThread);
  });

  test(`a reader that breaks mid-file keeps the documents it produced before the break${mode}`, async () => {
    await withArchive(async (archive, source) => {
      const breaking: Reader = {
        format: 'test',
        accepts: () => true,
        async *read(path) {
          yield* readerOf([gromykoMemcon, thompsonCable]).read(path);
          throw new Error('unexpected end of file at line 9');
        },
      };
      const summary = await ingestPaths(archive, [source], { readers: [breaking] });
      assert.deepEqual(
        summary.failed.map((failure) => [failure.reason, failure.documentsStored]),
        [['unexpected end of file at line 9', 2]],
      );
      assert.deepEqual(await archive.listDocumentIds(), [gromykoMemcon.id, thompsonCable.id].sort());
    }, writeThread);
  });

  test(`a store failure in a later batch keeps every document before it and none after${mode}`, async () => {
    await withArchive(async (archive, source) => {
      // 350 documents make four batches; the 151st cannot be stored, so the second batch
      // fails while the third is being read, and neither the third nor the fourth is stored.
      const copies = Array.from({ length: 350 }, (_, index) => ({
        ...gromykoMemcon,
        id: `${gromykoMemcon.id}-copy${String(index).padStart(3, '0')}`,
      }));
      const first = copies[150]!.passages[0]!;
      copies[150] = { ...copies[150]!, passages: [first, first] };
      const summary = await ingestPaths(archive, [source], { readers: [readerOf(copies)] });
      assert.equal(summary.added, 150);
      assert.equal(summary.failed[0]!.documentsStored, 150);
      assert.match(summary.failed[0]!.reason, new RegExp(`${copies[150]!.id}: passage ordinal`));
      assert.deepEqual(
        await archive.listDocumentIds(),
        copies.slice(0, 150).map((copy) => copy.id),
      );
    }, writeThread);
  });
}

test('--unpublished stores new records embargoed: the public sees nothing, the archive owner everything', async () => {
  await withArchive(async (archive) => {
    const summary = await ingestPaths(archive, [volumePath('frus1969-76ve15p1')], {
      enrichers: defaultEnrichers,
      unpublished: true,
    });
    assert.equal(summary.added, 105);
    const query = parseQuery('Ceausescu');
    assert.ok((await archive.search({ query, limit: 5 })).total > 0);
    assert.equal((await archive.search({ query, limit: 5, viewer: PUBLIC_VIEWER })).total, 0);
    assert.equal((await archive.stats(PUBLIC_VIEWER)).documents, 0);
    assert.equal(await archive.getCollection('frus1969-76ve15p1', PUBLIC_VIEWER), null);
    assert.equal((await archive.getCollection('frus1969-76ve15p1'))?.published, false);
    const [first] = await archive.listDocumentIds();
    assert.equal(await archive.getDocument(first!, PUBLIC_VIEWER), null);
    assert.equal((await archive.getDocument(first!))?.published, false);
  }, true);
});
