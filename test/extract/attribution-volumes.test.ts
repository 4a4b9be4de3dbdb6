/**
 * Speaker attribution on the six shared FRUS volumes, read through the TEI reader: real
 * passages from each volume, and "The President" resolved by date in every conversation record
 * (Eisenhower, Johnson, Nixon, and Nixon then Ford in E-15, which spans August 1974).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFrusTei } from '../../src/ingest/tei-frus/index.js';
import { attributeDocument, isConversationRecord } from '../../src/extract/attribution/index.js';
import { DocumentCast } from '../../src/extract/attribution/cast.js';
import { speakerForText } from '../../src/eval/attribution.js';
import { officeHoldings } from '../../src/records/offices.js';
import type { Document } from '../../src/records/schema.js';
import { volumePath } from '../helpers/paths.js';

const VOLUMES = [
  'frus1955-57v04',
  'frus1958-60v07p1',
  'frus1964-68v13',
  'frus1964-68v14',
  'frus1969-76v12',
  'frus1969-76ve15p1',
];
const CASE_DOCUMENTS = new Set([
  'frus1955-57v04/d32',
  'frus1958-60v07p1/d283',
  'frus1964-68v13/d60',
  'frus1964-68v14/d43',
  'frus1969-76v12/d86',
  'frus1969-76v12/d178',
  'frus1969-76ve15p1/d16',
  'frus1969-76ve15p1/d66',
]);

const documents = new Map<string, Document>();
/** Per volume: who "The President" of its conversation records resolves to, with counts. */
const presidents = new Map<string, Map<string, number>>();

before(async () => {
  for (const volume of VOLUMES) {
    const counts = new Map<string, number>();
    presidents.set(volume, counts);
    let persons: Parameters<typeof attributeDocument>[1] = [];
    for await (const event of readFrusTei(volumePath(volume))) {
      if (event.kind === 'persons') persons = event.persons;
      if (event.kind !== 'document') continue;
      const doc = event.document;
      if (CASE_DOCUMENTS.has(doc.id)) documents.set(doc.id, attributeDocument(doc, persons));
      if (!isConversationRecord(doc) || !doc.date) continue;
      const occurrences = doc.passages
        .filter((passage) => passage.kind === 'paragraph' || passage.kind === 'turn')
        .reduce(
          (sum, passage) => sum + (passage.text.match(/\b[Tt]he President\b(?! of|-elect)/g) ?? []).length,
          0,
        );
      if (occurrences === 0) continue;
      const resolved = new DocumentCast(doc, persons).resolveTitle('President')?.personName ?? 'unresolved';
      counts.set(resolved, (counts.get(resolved) ?? 0) + occurrences);
    }
  }
});

function speaker(docId: string, text: string): string | null | undefined {
  const doc = documents.get(docId);
  assert.ok(doc, `${docId} was read`);
  const found = speakerForText(doc, text);
  assert.notEqual(found, undefined, `"${text}" is in ${docId}`);
  return found ? found.personId : null;
}

test('"The President" resolves by each volume\'s dates', () => {
  const usPresidents = new Set(
    officeHoldings()
      .filter((row) => row.office === 'President' && row.country === 'United States')
      .map((row) => row.person.split(',')[0]!),
  );
  const expected: Record<string, string[]> = {
    'frus1955-57v04': ['Eisenhower'],
    'frus1958-60v07p1': ['Eisenhower'],
    'frus1964-68v13': ['Johnson'],
    'frus1964-68v14': ['Johnson'],
    'frus1969-76v12': ['Nixon'],
    'frus1969-76ve15p1': ['Nixon', 'Ford'],
  };
  for (const volume of VOLUMES) {
    const counts = presidents.get(volume)!;
    console.log(volume, Object.fromEntries(counts));
    const american = [...counts.keys()]
      .map((name) => name.split(',')[0]!)
      .filter((surname) => usPresidents.has(surname));
    assert.deepEqual(new Set(american), new Set(expected[volume]), volume);
    assert.ok(!counts.has('unresolved'), `${volume}: every "The President" resolves`);
  }
});

test('1955-57 IV: "Sir Roger" is Makins; the Secretary asking him to call is narration', () => {
  assert.equal(
    speaker('frus1955-57v04/d32', 'Sir Roger commented that the idea of the British Government'),
    'p_MSRM1',
  );
  assert.equal(speaker('frus1955-57v04/d32', 'The Secretary asked Sir Roger Makins to call on him'), null);
  assert.equal(speaker('frus1955-57v04/d32', 'The Secretary said he thought “early autumn”'), 'p_DJF1');
});

test("1958-60 VII: a participant list with group labels is no one's words; the President by date", () => {
  const doc = documents.get('frus1958-60v07p1/d283')!;
  const list = doc.passages.find((passage) => /^PARTICIPANTS\b/.test(passage.text))!;
  assert.match(list.text, /United States The President The Secretary/);
  assert.ok(list.speakers.every((span) => span.personId === null && span.label === null));
  assert.equal(
    speaker('frus1958-60v07p1/d283', 'The President said that he would call the Attorney General'),
    'p_EDD1',
  );
  assert.equal(speaker('frus1958-60v07p1/d283', 'He praised the President’s leadership'), 'p_DJF1');
});

test("1964-68 XIII: British ministers by name, and the meeting's narration", () => {
  assert.equal(speaker('frus1964-68v13/d60', 'And Gordon Walker added that one wing'), 'p_GWPC1');
  assert.equal(speaker('frus1964-68v13/d60', 'Replying, Healey said the Dutch'), 'p_HDW1');
  assert.equal(
    speaker('frus1964-68v13/d60', 'The President and the Prime Minister joined the group at 6:10 p.m.'),
    null,
  );
});

test('1964-68 XIV: Dobrynin relays Khrushchev inside his own turn', () => {
  assert.equal(
    speaker('frus1964-68v14/d43', 'Yet, he added, apparently during the election campaigns'),
    'p_KNS1',
  );
  assert.equal(
    speaker('frus1964-68v14/d43', 'May I extend to you, Mr. President, my personal regards'),
    'p_DAF1',
  );
  assert.equal(
    speaker('frus1964-68v14/d43', "It's better to leave the election matters up to the American people"),
    'p_JLB1',
  );
});

test('1969-76 XII: K, P and D in narrated and transcribed telcons', () => {
  assert.equal(speaker('frus1969-76v12/d86', 'K told D his call was providential'), 'p_KHA1');
  assert.equal(
    speaker('frus1969-76v12/d86', 'D said Hanoi told them this was the best conversation'),
    'p_DAF1',
  );
  assert.equal(speaker('frus1969-76v12/d86', 'K told him D had said we may not believe it'), 'p_DAF1');
  assert.equal(speaker('frus1969-76v12/d178', 'Do you think he really is frightened?'), 'p_NRM1');
  assert.equal(speaker('frus1969-76v12/d178', '(Three new SS–9s were mentioned)'), null);
});

test('1969-76 E-15: transcript turns, an omission note, and a first-person memorandum', () => {
  assert.equal(speaker('frus1969-76ve15p1/d16', 'The hell with the NSM exercise.'), 'p_KHA1');
  assert.equal(
    speaker('frus1969-76ve15p1/d16', '[Omitted here is a discussion of travel arrangements and Cyprus.]'),
    null,
  );
  assert.equal(
    speaker('frus1969-76ve15p1/d66', 'I told Petric that there was absolutely no foundation'),
    'p_TM9',
  );
  assert.equal(
    speaker('frus1969-76ve15p1/d66', 'The F-4 was clearly using the Boeing as a shield, Petric observed.'),
    'p_PJ3',
  );
  assert.equal(speaker('frus1969-76ve15p1/d66', 'At my request I called on Mr. Petric today at 0900.'), null);
});
