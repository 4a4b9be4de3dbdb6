/**
 * The e-mail reader: a message whose headers give sender, addressees, date and subject, whose
 * body is a FRUS telcon, and which carries the same record as a PDF attachment (a child
 * document) and an attachment no reader knows (skipped).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readEmail } from '../../src/ingest/email/index.js';
import { chooseReader, defaultReaders } from '../../src/ingest/registry.js';
import { scratchDir } from '../helpers/paths.js';
import { bodyText, documentsOf } from './fixtures/collect.js';
import { expectedBodyText, loadFixtureRecords, renderRecordPdf } from './fixtures/records.js';

const scratch = scratchDir('declass-email-');
after(() => scratch.cleanup());

function base64Lines(data: Uint8Array): string {
  return Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n');
}

test('headers become metadata, the body passages, and a PDF attachment a child document', async () => {
  const record = (await loadFixtureRecords()).find((each) => each.kind === 'telcon')!;
  const pdf = await renderRecordPdf(record);
  const body = [...record.headerLines, '', ...record.body.flatMap((p) => [p ?? '(b)(1)', ''])].join('\r\n');
  const message = [
    'From: "Records Office" <records@example.gov>',
    'To: Jane Historian <jane@example.edu>, archive@example.org',
    'Cc: FOIA Desk <foia@example.gov>',
    'Date: Tue, 14 Jun 2012 09:30:00 -0400',
    'Subject: Released: Kissinger-Dobrynin telcon, October 9, 1970',
    'Message-ID: <release-229@example.gov>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '--b1',
    'Content-Type: application/pdf; name="d229.pdf"',
    'Content-Disposition: attachment; filename="d229.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(pdf),
    '--b1',
    'Content-Type: application/octet-stream; name="blob.bin"',
    'Content-Disposition: attachment; filename="blob.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from([0, 1, 2, 3, 0, 5]).toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
  const path = join(scratch.dir, 'release.eml');
  writeFileSync(path, message);
  assert.equal(chooseReader(defaultReaders, Buffer.from(message.slice(0, 400)), 'message').format, 'email');

  const events = readEmail(path);
  await assert.rejects(async () => {
    const documents = await documentsOf(events);
    assert.fail(`expected the unreadable attachment to be named, got ${documents.length} documents`);
  }, /attachment 2 \(blob\.bin\): binary content that no reader recognises/);
  const documents: Awaited<ReturnType<typeof documentsOf>> = [];
  try {
    for await (const event of readEmail(path)) if (event.kind === 'document') documents.push(event.document);
  } catch {
    // The named failure is checked above; the documents before it are what is stored.
  }
  const [parent, child] = documents;
  assert.ok(parent && child);
  assert.equal(parent.title, 'Released: Kissinger-Dobrynin telcon, October 9, 1970');
  assert.deepEqual(parent.date, { start: '2012-06-14', end: '2012-06-14', precision: 'day' });
  assert.equal(parent.time, '13:30Z');
  assert.deepEqual(
    parent.participants.map((p) => [p.role, p.name, p.description]),
    [
      ['sender', 'Records Office', null],
      ['addressee', 'Jane Historian', null],
      ['addressee', 'archive@example.org', null],
      ['addressee', 'FOIA Desk', 'cc'],
    ],
  );
  assert.equal(bodyText(parent), expectedBodyText(record));
  assert.equal(child.id, `${parent.id}/att1`);
  assert.equal(child.sourcePath, path);
  assert.equal(child.type, 'telcon');
  assert.equal(bodyText(child), expectedBodyText(record));
});
