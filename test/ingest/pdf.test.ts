/**
 * The PDF reader on records made from FRUS documents (memcon d152, telcon d229 of
 * frus1969-76v12) with a text layer, and on broken and hostile PDFs in one batch.
 */
import assert from 'node:assert/strict';
import { attributeDocument } from '../../src/extract/attribution/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import { readPdf } from '../../src/ingest/pdf/index.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { scratchDir } from '../helpers/paths.js';
import {
  absurdPageCountPdf,
  decompressionBombPdf,
  encryptedPdf,
  truncatedPdf,
} from './fixtures/bad-files.js';
import { bodyText, characterErrorRate, documentsOf } from './fixtures/collect.js';
import {
  expectedBodyText,
  loadFixtureRecords,
  renderRecordPdf,
  type FixtureRecord,
} from './fixtures/records.js';

const scratch = scratchDir('declass-pdf-');
const folder = join(scratch.dir, 'release');
let records: FixtureRecord[] = [];
const pathOf = (record: FixtureRecord) => join(folder, `frus-d${record.source.number}.pdf`);

before(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder);
  records = await loadFixtureRecords();
  for (const record of records) writeFileSync(pathOf(record), await renderRecordPdf(record));
});
after(() => scratch.cleanup());

test('a memcon PDF gives back its text, header, banners, stamp, redaction and pages', async () => {
  const record = records.find((each) => each.kind === 'memcon')!;
  const [document] = await documentsOf(readPdf(pathOf(record)));
  assert.ok(document);
  assert.equal(document.type, 'memcon');
  assert.deepEqual(document.date, record.source.date);
  assert.equal(document.place, 'Washington');
  assert.deepEqual(
    document.participants.map((participant) => participant.name),
    record.participants,
  );
  assert.equal(document.classification.level, record.source.classification.level);
  assert.deepEqual(document.classification.caveats, record.source.classification.caveats);
  assert.equal(document.declassification?.authority, record.stamp[1]!.replace('Authority ', ''));
  assert.equal(document.declassification?.date, '2012-06-14');
  // Banners, page numbers and the stamp are out of the text; the body is exactly as typed.
  assert.equal(bodyText(document), expectedBodyText(record));
  const all = document.passages.map((passage) => passage.text).join('\n');
  assert.doesNotMatch(all, /Page \d of|DECLASSIFIED|NARA|EYES ONLY/);
  assert.equal(document.redactions.length, 1);
  assert.deepEqual(document.redactions[0]!.exemptions, ['(b)(1)']);
  // Two pages: the second page's break lands inside a passage, at a word boundary.
  assert.deepEqual(
    document.pageBreaks.map((pageBreak) => pageBreak.page),
    ['1', '2'],
  );
  const second = document.pageBreaks[1]!;
  const passage = document.passages[second.ordinal - 1]!;
  assert.equal(passage.page, second.offset === 0 ? '2' : '1');
  assert.match(passage.text.slice(second.offset), /^\S/);
  assert.equal(document.passages.at(-1)!.page, '2');
});

test('a telcon PDF gives the speakers turn by turn', async () => {
  const record = records.find((each) => each.kind === 'telcon')!;
  const [document] = await documentsOf(readPdf(pathOf(record)));
  assert.ok(document);
  assert.equal(document.type, 'telcon');
  assert.equal(document.time, '22:20');
  // Turns keep their labels; speaker attribution (the ingest enricher) reads them.
  const turns = attributeDocument(document, []).passages.filter((passage) => passage.kind === 'turn');
  const expected = record.body.map((paragraph) => /^(\w+):/.exec(paragraph ?? '')?.[1]);
  assert.deepEqual(
    turns.map((turn) => turn.speakers[0]?.label),
    expected,
  );
  assert.equal(characterErrorRate(expectedBodyText(record), bodyText(document)), 0);
});

test('encrypted, truncated, billion-page and bomb PDFs each fail by name while the batch goes on', async () => {
  const bad = {
    'encrypted.pdf': await encryptedPdf(),
    'truncated.pdf': await truncatedPdf(),
    'pages.pdf': await absurdPageCountPdf(),
    'bomb.pdf': await decompressionBombPdf(),
  };
  for (const [name, data] of Object.entries(bad)) writeFileSync(join(folder, name), data);
  // A file with a PDF's bytes under another name is still read as a PDF.
  writeFileSync(join(folder, 'renamed.dat'), await renderRecordPdf(records[1]!));
  const archive = await openSqliteArchive(join(scratch.dir, 'archive.db'));
  try {
    const summary = await ingestPaths(archive, [folder]);
    const reasons = Object.fromEntries(
      summary.failed.map((failure) => [failure.path.split('/').pop(), failure.reason]),
    );
    assert.match(reasons['encrypted.pdf']!, /encrypted with a password/);
    assert.match(reasons['truncated.pdf']!, /truncated.*%%EOF/);
    assert.match(reasons['pages.pdf']!, /1,000,000,000 pages, over the 2,000-page limit/);
    assert.match(reasons['bomb.pdf']!, /decompression bomb/);
    assert.equal(summary.failed.length, 4);
    assert.equal(summary.added, 3);
    const stored = await archive.getDocument('release/renamed');
    assert.equal(stored?.type, 'telcon');
  } finally {
    await archive.close();
  }
});
