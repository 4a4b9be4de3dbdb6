import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citeDocument, shortVolume } from '../../src/publish/citation.js';
import { Collection, Document } from '../../src/records/schema.js';

// The metadata of FRUS 1969–76 vol. XII, document 86, as the TEI volume gives it.
const volume = Collection.parse({
  id: 'frus1969-76v12',
  title:
    'Foreign Relations of the United States, 1969–1976, Volume XII, Soviet Union, January 1969–October 1970',
  series: 'Foreign Relations of the United States',
  subseries: '1969–1976',
  volumeNumber: 'Volume XII',
  volumeTitle: 'Soviet Union, January 1969–October 1970',
  editors: ['Erin R. Mahan', 'Edward C. Keefer'],
  publishedYear: '2006',
  publisher: 'United States Government Printing Office',
  format: 'frus-tei',
  sourcePath: 'frus1969-76v12.xml',
});

const memcon = Document.parse({
  id: 'frus1969-76v12/d86',
  collectionId: 'frus1969-76v12',
  number: '86',
  title: 'Memorandum of Conversation',
  type: 'memcon',
  date: { start: '1969-10-20T11:00:00', end: '1969-10-20T12:00:00', precision: 'time' },
  datePrinted: 'October 20, 1969',
  time: '11:00',
  place: 'Washington',
  subject: null,
  classification: { level: 'SECRET', caveats: ['NODIS'], printed: 'Secret; Nodis' },
  declassification: null,
  sourceNote: null,
  participants: [],
  passages: [
    { ordinal: 1, kind: 'paragraph', text: 'The President opened.', page: '245' },
    { ordinal: 2, kind: 'paragraph', text: 'Dobrynin replied.' },
  ],
  redactions: [],
  mentions: [],
  links: [],
  pageBreaks: [],
  sourcePath: 'frus1969-76v12.xml',
  contentHash: 'x',
});

test('a FRUS document gets a Chicago note with the volume in italics and its permanent URL', () => {
  const citation = citeDocument({ document: memcon, collection: volume });
  assert.equal(
    citation.chicago,
    '“Memorandum of Conversation,” Washington, October 20, 1969, in Foreign Relations of the United States, ' +
      '1969–1976, vol. 12, Soviet Union, January 1969–October 1970, ed. Erin R. Mahan and Edward C. Keefer ' +
      '(United States Government Printing Office, 2006), doc. 86, ' +
      'https://history.state.gov/historicaldocuments/frus1969-76v12/d86.',
  );
  const italics = citation.chicagoSegments.filter((s) => s.italic).map((s) => s.text);
  assert.deepEqual(italics, [
    'Foreign Relations of the United States, 1969–1976',
    'Soviet Union, January 1969–October 1970',
  ]);
  assert.equal(citation.link, '/d/frus1969-76v12/d86');
});

test('citing a passage adds its printed page and the stable passage link', () => {
  const citation = citeDocument({
    document: memcon,
    collection: volume,
    ordinal: 1,
    baseUrl: 'https://declass.example.org/',
  });
  assert.match(citation.chicago, /doc\. 86, 245, https:\/\/history\.state\.gov/);
  assert.equal(citation.link, 'https://declass.example.org/d/frus1969-76v12/d86#p1');
  assert.equal(citation.csl.id, 'frus1969-76v12/d86#p1');
  assert.equal(citation.csl.page, '245');
  assert.throws(() => citeDocument({ document: memcon, collection: volume, ordinal: 99 }), /no passage 99/);
});

test('CSL-JSON carries title, container, editors split into names, and the date to the day', () => {
  const { csl } = citeDocument({ document: memcon, collection: volume });
  assert.equal(csl.type, 'chapter');
  assert.equal(csl.title, 'Memorandum of Conversation');
  assert.equal(csl['container-title'], 'Soviet Union, January 1969–October 1970');
  assert.equal(csl.volume, 'XII');
  assert.equal(csl.number, '86');
  assert.deepEqual(csl.editor?.[0], { family: 'Mahan', given: 'Erin R.' });
  assert.deepEqual(csl.issued, { 'date-parts': [[1969, 10, 20]] });
  assert.equal(csl.note, 'Secret; Nodis');
});

test('RIS is one record with CRLF lines ending in ER', () => {
  const { ris } = citeDocument({ document: memcon, collection: volume });
  const lines = ris.split('\r\n');
  assert.equal(lines[0], 'TY  - CHAP');
  assert.ok(lines.includes('DA  - 1969/10/20'));
  assert.ok(lines.includes('A2  - Edward C. Keefer'));
  assert.equal(lines.at(-2), 'ER  - ');
});

test('a loose record without a published volume is cited by its collection, date precision respected', () => {
  const record = Document.parse({
    ...memcon,
    id: 'memcons/clinton-putin',
    collectionId: 'memcons',
    number: null,
    title: 'Clinton–Putin meeting.',
    datePrinted: null,
    place: 'Moscow',
    date: { start: '2000-06-01', end: '2000-06-30', precision: 'month' },
  });
  const citation = citeDocument({ document: record, collection: null });
  assert.equal(citation.chicago, '“Clinton–Putin meeting,” Moscow, June 2000, memcons.');
  assert.equal(citation.csl.type, 'document');
  assert.deepEqual(citation.csl.issued, { 'date-parts': [[2000, 6]] });
});

test('volume numbers are written the Chicago way', () => {
  assert.equal(shortVolume('Volume XIV'), 'vol. 14');
  assert.equal(shortVolume('Volume E–15, Part 1'), 'vol. E–15, pt. 1');
  assert.equal(shortVolume('Volume VII, Part 1'), 'vol. 7, pt. 1');
});
