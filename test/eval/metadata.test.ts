import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readJsonLines } from '../../src/eval/jsonl.js';
import { parseGoldMetadata, participantsF1, samePlace, scoreMetadata } from '../../src/eval/metadata.js';
import type { Document } from '../../src/records/schema.js';
import { evalDir } from '../helpers/paths.js';

function documentLike(overrides: Partial<Document>): Document {
  return {
    id: 'frus1969-76v12/d86',
    collectionId: 'frus1969-76v12',
    number: '86',
    title: 'Transcript of Telephone Conversation',
    type: 'telcon',
    date: { start: '1969-09-27T16:40:00', end: '1969-09-27T16:40:00', precision: 'time' },
    datePrinted: 'September 27, 1969, 4:40p.m.',
    time: '16:40',
    place: 'Washington',
    subject: null,
    classification: { level: 'TOP SECRET', caveats: ['SENSITIVE'], printed: 'Top Secret; Sensitive' },
    declassification: null,
    sourceNote: null,
    participants: [
      { name: 'Nixon, Richard M.', personId: 'p_NRM1', role: 'party', description: null, label: 'Nixon' },
      {
        name: 'Kissinger, Henry A.',
        personId: 'p_KHA1',
        role: 'party',
        description: null,
        label: 'Kissinger',
      },
    ],
    passages: [],
    redactions: [],
    mentions: [],
    links: [],
    pageBreaks: [],
    sourcePath: 'x.xml',
    contentHash: 'h',
    published: true,
    ...overrides,
  };
}

const goldD86 = {
  doc: 'frus1969-76v12/d86',
  type: 'telcon',
  date: '1969-09-27',
  time: '16:40',
  place: 'Washington',
  classification: { level: 'TOP SECRET', caveats: ['SENSITIVE'] },
  participants: [
    { name: 'Nixon, Richard M.', id: 'p_NRM1' },
    { name: 'Kissinger, Henry A.', id: 'p_KHA1' },
  ],
  redactions: 0,
};

test('a document that matches its gold line scores 1 on every field', async () => {
  const scores = await scoreMetadata([goldD86], () => documentLike({}));
  for (const [field, score] of Object.entries(scores)) assert.deepEqual(score, { accuracy: 1, n: 1 }, field);
});

test('null gold values are scored: the system must say null too; a missing document scores 0', async () => {
  const editorial = {
    ...goldD86,
    doc: 'v/d2',
    type: 'editorial-note',
    date: null,
    place: null,
    time: undefined,
    classification: { level: null, caveats: [] },
    participants: [],
  };
  const wrong = await scoreMetadata([editorial], () => documentLike({ type: 'editorial-note' }));
  assert.equal(wrong.date.accuracy, 0);
  assert.equal(wrong.place.accuracy, 0);
  assert.equal(wrong.classification.accuracy, 0);
  assert.equal(wrong.time.accuracy, 0);
  assert.equal(wrong.participants.accuracy, 0);
  const missing = await scoreMetadata([goldD86], () => null);
  assert.equal(missing.type.accuracy, 0);
});

test('place comparison: case, spacing and the part before a comma when one side has none', () => {
  assert.equal(samePlace('Petsunda', 'Petsunda, Georgia'), true);
  assert.equal(samePlace('Glassboro, New Jersey', 'glassboro,  new jersey'), true);
  assert.equal(samePlace('Glassboro, New Jersey', 'New Jersey'), false);
  assert.equal(samePlace(null, null), true);
});

test('participants F1 matches by id where both have one, else by surname', () => {
  const gold = [
    { name: 'Bogdan, Corneliu', id: 'p_BC6' },
    { name: 'Kissinger, Henry A.', id: 'p_KHA1' },
  ];
  assert.equal(
    participantsF1(gold, [
      { name: 'Bogdan', id: null },
      { name: 'Kissinger, Henry A.', id: 'p_KHA1' },
    ]),
    1,
  );
  // Same surname, different ids: not the same person (Corneliu vs Manea Manescu).
  assert.equal(
    participantsF1([{ name: 'Manescu, Corneliu', id: 'p_MC8' }], [{ name: 'Manescu, Manea', id: 'p_MM1' }]),
    0,
  );
  assert.equal(participantsF1([], []), 1);
  assert.ok(Math.abs(participantsF1(gold, [{ name: 'Kissinger', id: null }]) - 2 / 3) < 1e-9);
});

test('the shared gold file parses, and a bad line is reported with its number', async () => {
  const lines = await readJsonLines(join(evalDir, 'metadata.jsonl'));
  assert.equal(parseGoldMetadata(lines).length, 60);
  assert.throws(
    () => parseGoldMetadata([goldD86, { ...goldD86, redactions: 'none' }], 'metadata.jsonl'),
    /metadata\.jsonl: line 2: redactions/,
  );
});
