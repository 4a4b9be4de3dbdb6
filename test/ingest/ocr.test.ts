/**
 * OCR on page images without a text layer, made from FRUS records: the telcon as a scanned
 * PDF (one page image inside a PDF) and the memcon's first page as a PNG. The character
 * error rate against the typed text is measured and printed; a 0-byte image fails by name.
 * Three pages in all, through one shared worker, to keep the run short.
 */
import assert from 'node:assert/strict';
import { attributeDocument } from '../../src/extract/attribution/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readImage, stopWorker } from '../../src/ingest/ocr/index.js';
import { readPdf } from '../../src/ingest/pdf/index.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { scratchDir } from '../helpers/paths.js';
import { bodyText, characterErrorRate, documentsOf } from './fixtures/collect.js';
import {
  expectedBodyText,
  imagesToPdf,
  loadFixtureRecords,
  renderPageImages,
  renderRecordPdf,
  type FixtureRecord,
} from './fixtures/records.js';

const scratch = scratchDir('declass-ocr-');
let records: FixtureRecord[] = [];
const scans = join(scratch.dir, 'scans');

before(async () => {
  mkdirSync(scans);
  records = await loadFixtureRecords();
});
after(async () => {
  await stopWorker();
  scratch.cleanup();
});

async function pageImages(record: FixtureRecord): Promise<string[]> {
  const pdf = join(scratch.dir, `typed-${record.source.number}.pdf`);
  writeFileSync(pdf, await renderRecordPdf(record));
  return renderPageImages(pdf, join(scratch.dir, `page-${record.source.number}`));
}

test('a scanned telcon PDF is read by OCR: text within 3% CER, metadata and speakers', async () => {
  const record = records.find((each) => each.kind === 'telcon')!;
  const scanned = join(scans, 'telcon-scan.pdf');
  await imagesToPdf(await pageImages(record), scanned);
  const [document] = await documentsOf(readPdf(scanned));
  assert.ok(document);
  const cer = characterErrorRate(expectedBodyText(record), bodyText(document));
  console.log(`OCR CER, scanned telcon PDF (1 page, 300 dpi): ${(cer * 100).toFixed(2)}%`);
  assert.ok(cer <= 0.03, `CER ${cer}`);
  assert.equal(document.type, 'telcon');
  assert.deepEqual(document.date, { start: '1970-10-09', end: '1970-10-09', precision: 'day' });
  assert.equal(document.classification.level, 'SECRET');
  assert.equal(document.declassification?.date, '2012-06-14');
  assert.match(document.declassification?.authority ?? '', /^NLC-12-229-4-2-7$/);
  // Turns keep their labels; speaker attribution (the ingest enricher) reads them.
  const labels = attributeDocument(document, [])
    .passages.filter((p) => p.kind === 'turn')
    .map((p) => p.speakers[0]?.label);
  assert.deepEqual(
    labels,
    record.body.map((paragraph) => /^(\w+):/.exec(paragraph ?? '')?.[1]),
  );
});

test('a PNG page of a memcon is read by OCR, with its redaction code and header', async () => {
  const record = records.find((each) => each.kind === 'memcon')!;
  const [first] = await pageImages(record);
  const [document] = await documentsOf(readImage(first!));
  assert.ok(document);
  assert.equal(document.type, 'memcon');
  assert.deepEqual(document.date, record.source.date);
  assert.equal(document.classification.level, record.source.classification.level);
  assert.deepEqual(
    document.participants.map((p) => p.name),
    record.participants,
  );
  // Page 1 holds the body up to the page break; compare with the typed text's same stretch.
  const read = bodyText(document);
  const typed = expectedBodyText(record).slice(0, read.length);
  const cer = characterErrorRate(typed, read);
  console.log(
    `OCR CER, memcon page 1 PNG (300 dpi): ${(cer * 100).toFixed(2)}% over ${typed.length} characters`,
  );
  assert.ok(cer <= 0.03, `CER ${cer}`);
  assert.ok(document.redactions.some((redaction) => redaction.exemptions.includes('(b)(1)')));
});

test('a 0-byte image and a damaged PNG fail by name; the batch goes on', async () => {
  const batch = join(scratch.dir, 'batch');
  mkdirSync(batch);
  writeFileSync(join(batch, 'empty.png'), Buffer.alloc(0));
  // A PNG signature and a header declaring 100,000 × 100,000 pixels.
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(100_000, 16);
  header.writeUInt32BE(100_000, 20);
  writeFileSync(join(batch, 'huge.png'), header);
  writeFileSync(
    join(batch, 'memo.txt'),
    'MEMORANDUM FOR THE RECORD\n\nSUBJECT: Test\n\nThe meeting was short.\n',
  );
  const archive = await openSqliteArchive(join(scratch.dir, 'archive.db'));
  try {
    const summary = await ingestPaths(archive, [batch]);
    const reasons = Object.fromEntries(summary.failed.map((f) => [f.path.split('/').pop(), f.reason]));
    assert.match(reasons['empty.png']!, /empty \(0 bytes\)/);
    assert.match(reasons['huge.png']!, /\(10000 megapixels\), over the 100-megapixel limit/);
    assert.equal(summary.added, 1);
  } finally {
    await archive.close();
  }
});
