import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frusTeiReader, readFrusTei } from '../../src/ingest/tei-frus/index.js';
import { ReadError } from '../../src/ingest/reader.js';
import { Collection, Document, Person } from '../../src/records/schema.js';
import { scratchDir, volumePath } from '../helpers/paths.js';

async function readAll(path: string) {
  const events = [];
  for await (const event of readFrusTei(path)) events.push(event);
  return events;
}

const eVolume = await readAll(volumePath('frus1969-76ve15p1'));
const documents = eVolume.flatMap((event) => (event.kind === 'document' ? [event.document] : []));
const byId = new Map(documents.map((document) => [document.id, document]));

test('events come in order: collection, persons, then every document', () => {
  assert.equal(eVolume[0]?.kind, 'collection');
  assert.equal(eVolume[1]?.kind, 'persons');
  assert.equal(documents.length, 105);
  assert.ok(eVolume.slice(2).every((event) => event.kind === 'document'));
});

test('the collection comes from the teiHeader', () => {
  const first = eVolume[0];
  assert.equal(first?.kind, 'collection');
  const collection = Collection.parse(first.collection);
  assert.equal(collection.id, 'frus1969-76ve15p1');
  assert.equal(collection.series, 'Foreign Relations of the United States');
  assert.equal(collection.format, 'frus-tei');
  assert.ok(collection.editors.length > 0);
});

test('persons come from the front-matter list with ids and descriptions', () => {
  const second = eVolume[1];
  assert.equal(second?.kind, 'persons');
  const kissinger = second.persons.find((person) => person.localId === 'p_KHA1');
  assert.ok(kissinger);
  Person.parse(kissinger);
  assert.equal(kissinger.id, 'frus1969-76ve15p1/p_KHA1');
  assert.equal(kissinger.name, 'Kissinger, Henry A.');
  assert.ok(kissinger.description && kissinger.description.length > 0);
});

test('every document matches the Document schema', () => {
  for (const document of documents) Document.parse(document);
});

test('a telegram: header markup, GMT time, place from the FM line, source note and summary note', () => {
  const d44 = byId.get('frus1969-76ve15p1/d44')!;
  assert.equal(d44.number, '44');
  assert.equal(d44.type, 'cable');
  assert.equal(d44.title.startsWith('Telegram 1337 From the Embassy in Poland'), true);
  assert.equal(d44.date?.start.slice(0, 10), '1973-03-22');
  assert.equal(d44.time, '08:56Z');
  assert.equal(d44.place, 'Warsaw');
  assert.equal(d44.classification.level, 'CONFIDENTIAL');
  assert.equal(d44.subject, 'ASSESSMENT OF POLISH POLICIES');
  assert.ok(d44.sourceNote?.startsWith('Source: National Archives, RG 59'));
  const kinds = d44.passages.slice(0, 4).map((passage) => passage.kind);
  assert.deepEqual(kinds, ['heading', 'source-note', 'footnote', 'dateline']);
  const summary = d44.passages[2]!;
  assert.equal(summary.noteNumber, '2');
  assert.deepEqual(summary.anchor, { ordinal: 1, offset: d44.passages[0]!.text.length });
});

test('a memcon: participants list with ids, untagged names and no group labels', () => {
  const d26 = byId.get('frus1969-76ve15p1/d26')!;
  assert.equal(d26.type, 'memcon');
  assert.equal(d26.time, '11:50');
  assert.deepEqual(d26.classification.caveats, ['SENSITIVE', 'EXCLUSIVELY EYES ONLY']);
  const names = d26.participants.map((participant) => `${participant.name}|${participant.personId}`);
  assert.ok(names.includes('Pungan, Vasile|p_PV1'));
  assert.ok(names.includes('Kissinger, Henry A.|p_KHA1'));
  assert.ok(names.includes('Ryan, Kathleen|null'));
  const participantsPassage = d26.passages.find((passage) => passage.kind === 'participants');
  assert.ok(participantsPassage?.text.startsWith('PARTICIPANTS: Vasile Pungan, Counselor'));
  // The turn "Dr. Kissinger: I am sorry for the delay" is a paragraph with a mention of Kissinger.
  const turn = d26.passages.find((passage) => passage.text.startsWith('Dr. Kissinger: I am sorry'))!;
  const mention = d26.mentions.find((item) => item.ordinal === turn.ordinal)!;
  assert.equal(mention.personId, 'p_KHA1');
  assert.equal(turn.text.slice(mention.start, mention.end), 'Kissinger');
});

test('paragraph text leaves notes out but keeps their tail; notes follow as passages anchored in it', async () => {
  const events = await readAll(volumePath('frus1969-76v12'));
  const d86 = events
    .flatMap((event) => (event.kind === 'document' ? [event.document] : []))
    .find((d) => d.id === 'frus1969-76v12/d86')!;
  assert.equal(d86.type, 'telcon');
  assert.equal(d86.title.startsWith('Transcript of Telephone Conversation Between President Nixon'), true);
  assert.equal(d86.time, '16:40');
  const paragraph = d86.passages.find((passage) =>
    passage.text.startsWith('Mr. Kissinger said he was just going'),
  )!;
  assert.ok(paragraph.text.includes('conversation with Dobrynin. He came in with two stupid questions'));
  assert.equal(paragraph.page, '260');
  const footnote = d86.passages.find((passage) => passage.kind === 'footnote' && passage.noteNumber === '2')!;
  assert.equal(footnote.text, 'See Document 85.');
  assert.equal(footnote.anchor?.ordinal, paragraph.ordinal);
  assert.equal(paragraph.text.slice(0, footnote.anchor!.offset).endsWith('Dobrynin.'), true);
  const link = d86.links.find((item) => item.ordinal === footnote.ordinal)!;
  assert.equal(link.target, 'frus1969-76v12/d85');
  assert.equal(link.text, 'Document 85');
  const external = d86.links.find((item) => item.target === 'frus1969-76v06/d106');
  assert.ok(external);
  const ordinals = d86.passages.map((passage) => passage.ordinal);
  assert.deepEqual(
    ordinals,
    ordinals.map((_, index) => index + 1),
  );
});

test('redactions are counted in the body only, with their extent', async () => {
  const events = await readAll(volumePath('frus1969-76v12'));
  const d114 = events
    .flatMap((event) => (event.kind === 'document' ? [event.document] : []))
    .find((d) => d.id === 'frus1969-76v12/d114')!;
  assert.equal(d114.type, 'minutes');
  assert.equal(d114.redactions.length, 6);
  const paragraphs = d114.redactions.find((redaction) => redaction.unit === 'paragraph')!;
  assert.equal(paragraphs.amount, 4);
  const passage = d114.passages.find((item) => item.ordinal === paragraphs.ordinal)!;
  assert.equal(passage.text.slice(paragraphs.start, paragraphs.end), paragraphs.marker);
});

test('re-reading the same file gives the same ids and content hashes', async () => {
  const again = await readAll(volumePath('frus1969-76ve15p1'));
  const hashes = again.flatMap((event) =>
    event.kind === 'document' ? [[event.document.id, event.document.contentHash]] : [],
  );
  assert.deepEqual(
    hashes,
    documents.map((document) => [document.id, document.contentHash]),
  );
  assert.equal(new Set(hashes.map(([, hash]) => hash)).size, documents.length);
});

test('malformed XML and files that are not FRUS volumes fail with a ReadError naming the file', async () => {
  const { dir, cleanup } = scratchDir();
  try {
    const broken = join(dir, 'broken.xml');
    writeFileSync(
      broken,
      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><publicationStmt><idno type="frus">x</idno></publicationStmt></fileDesc></teiHeader><text><body><div type="document" xml:id="d1"><p>unclosed</div></body></text></TEI>',
    );
    await assert.rejects(
      readAll(broken),
      (error: unknown) => error instanceof ReadError && error.message.includes('broken.xml'),
    );
    const other = join(dir, 'other.xml');
    writeFileSync(other, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>');
    await assert.rejects(readAll(other), ReadError);
  } finally {
    cleanup();
  }
});

test('the reader recognises TEI by its first bytes', () => {
  assert.equal(
    frusTeiReader.accepts(
      Buffer.from('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'),
      'v.xml',
    ),
    true,
  );
  assert.equal(frusTeiReader.accepts(Buffer.from('<html><body>'), 'v.xml'), false);
});
