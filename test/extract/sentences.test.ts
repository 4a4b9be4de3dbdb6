import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sentenceSpans } from '../../src/extract/sentences.js';

const pieces = (text: string) => sentenceSpans(text).map((span) => text.slice(span.start, span.end));

test('abbreviations do not end sentences', () => {
  assert.deepEqual(pieces('Mr. Ball said the U.S. Government agreed. Replying, Healey said no.'), [
    'Mr. Ball said the U.S. Government agreed.',
    'Replying, Healey said no.',
  ]);
});

test('a quotation ending a sentence ends it; a quoted question keeps its "he asked"', () => {
  const text =
    "The President said, “The summit and trade they can have, etc.” K said he doesn't see. “Are you sure?” he asked. Yes.";
  assert.deepEqual(pieces(text), [
    'The President said, “The summit and trade they can have, etc.”',
    "K said he doesn't see.",
    '“Are you sure?” he asked.',
    'Yes.',
  ]);
});
