import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths, type IngestOptions, type IngestSummary } from '../../src/ingest/pipeline.js';
import { parseQuery } from '../../src/search/parser.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { archiveDigest } from '../helpers/archive-digest.js';
import { scratchDir, volumePath } from '../helpers/paths.js';
import { loadFixtureRecords, renderPageImages, renderRecordPdf } from './fixtures/records.js';

const scratch = scratchDir('declass-threads-');
test.after(() => scratch.cleanup());

const folder = join(scratch.dir, 'mixed');
mkdirSync(folder);
for (const volume of ['frus1969-76ve15p1', 'frus1964-68v14'])
  copyFileSync(volumePath(volume), join(folder, `${volume}.xml`));
writeFileSync(
  join(folder, 'broken.xml'),
  '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n<text><body><div type="document" xml:id="d1"><p>unclosed',
);
writeFileSync(join(folder, 'empty.xml'), '');

// A typed PDF (pdf.js) and a page scan (OCR) make sure the other readers also work in a thread.
before(async () => {
  const [memcon, telcon] = await loadFixtureRecords();
  writeFileSync(join(folder, 'memcon.pdf'), await renderRecordPdf(memcon!));
  const typed = join(scratch.dir, 'telcon.pdf');
  writeFileSync(typed, await renderRecordPdf(telcon!));
  const [page] = renderPageImages(typed, join(scratch.dir, 'telcon-page'));
  copyFileSync(page!, join(folder, 'telcon-scan.png'));
});

async function ingest(name: string, options: IngestOptions) {
  const archive = await openSqliteArchive(join(scratch.dir, `${name}.db`));
  try {
    const summary = await ingestPaths(archive, [folder], options);
    return { summary, digest: await archiveDigest(archive) };
  } finally {
    await archive.close();
  }
}

function outcome(summary: IngestSummary) {
  const { seconds: _seconds, ...rest } = summary;
  return rest;
}

test('reading in threads stores exactly what reading on the main thread stores, failures included', async () => {
  const inline = await ingest('inline', { enrichers: defaultEnrichers });
  const threaded = await ingest('threaded', { threads: 2 });
  assert.ok(inline.summary.added > 105 + 2, 'both volumes, the PDF and the scan are ingested');
  // The loose files (PDF, scan) form a collection named after their folder.
  assert.equal(inline.summary.collections.find((collection) => collection.id === 'mixed')?.documents, 2);
  assert.equal(inline.digest.documents, inline.summary.added);
  assert.deepEqual(outcome(threaded.summary), outcome(inline.summary));
  assert.deepEqual(threaded.digest, inline.digest);
  assert.deepEqual(
    threaded.summary.failed.map((failure) => [failure.path.split('/').pop(), failure.reason]),
    [
      ['broken.xml', inline.summary.failed[0]!.reason],
      ['empty.xml', 'the file is empty (0 bytes); remove it or replace it with the full record.'],
    ],
  );
  // Speaker attribution ran in the threads: conversation passages carry their speakers.
  const archive = await openSqliteArchive(join(scratch.dir, 'threaded.db'));
  try {
    const speakers = await archive.search({
      query: parseQuery('speaker:Gromyko'),
      limit: 1,
    });
    assert.ok(speakers.total > 0);
  } finally {
    await archive.close();
  }
});

test('threads cannot be combined with custom readers or enrichers', async () => {
  const archive = await openSqliteArchive(join(scratch.dir, 'refused.db'));
  try {
    await assert.rejects(
      ingestPaths(archive, [folder], { threads: 1, enrichers: defaultEnrichers }),
      /read threads use the default readers and enrichers/,
    );
  } finally {
    await archive.close();
  }
});
