import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isCorrect,
  scoreAttribution,
  speakerForText,
  type AttributionGoldLine,
} from '../../src/eval/attribution.js';
import type { Document } from '../../src/records/schema.js';

const line = (speaker: string | null, speaker_id: string | null): AttributionGoldLine => ({
  doc: 'v/d1',
  text: 'x',
  speaker,
  speaker_id,
});

test('a gold id is compared by id, a gold name without id by surname, a null by the absence of a speaker', () => {
  const kissinger = { personId: 'p_KHA1', personName: 'Kissinger, Henry A.', label: 'K' };
  assert.equal(isCorrect(line('Kissinger, Henry A.', 'p_KHA1'), kissinger), true);
  assert.equal(isCorrect(line('Nixon, Richard M.', 'p_NRM1'), kissinger), false);
  assert.equal(
    isCorrect(line('Nowlan', null), { personId: null, personName: 'Nowlan', label: 'Mr. Nowlan' }),
    true,
  );
  assert.equal(isCorrect(line(null, null), null), true);
  assert.equal(isCorrect(line(null, null), kissinger), false);
  assert.equal(isCorrect(line('Kissinger, Henry A.', 'p_KHA1'), undefined), false);
});

test('accuracy over all lines and over the null lines', () => {
  const answers = [null, { personId: 'p_A', personName: 'A', label: 'A' }, null];
  const gold = [line(null, null), line('A', 'p_A'), line('B', 'p_B')];
  let index = 0;
  const score = scoreAttribution(gold, () => answers[index++]);
  assert.deepEqual(score, { accuracy: 2 / 3, null_accuracy: 1, n: 3 });
});

test('the sentence holding the gold text is found across passages with folded white space', () => {
  const doc = {
    passages: [
      { ordinal: 1, kind: 'heading', text: '1. Memorandum', speakers: [] },
      { ordinal: 2, kind: 'footnote', text: 'Dropped note.', speakers: [] },
      {
        ordinal: 3,
        kind: 'paragraph',
        text: 'K said  yes. P said no.',
        speakers: [
          { start: 0, end: 13, label: 'K', personId: 'p_K', personName: 'K, K.' },
          { start: 14, end: 23, label: null, personId: null, personName: null },
        ],
      },
    ],
  } as unknown as Document;
  assert.equal(speakerForText(doc, 'Memorandum K said yes.'), null, 'starts in the heading: nobody');
  assert.equal(speakerForText(doc, 'K said yes.')?.personId, 'p_K');
  assert.equal(speakerForText(doc, 'P said no.'), null);
  assert.equal(speakerForText(doc, 'Dropped note.'), undefined);
});
