import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldedTextBuilder, foldWhitespace } from '../../src/extract/text.js';

test('foldWhitespace folds runs and trims the ends', () => {
  assert.equal(
    foldWhitespace('\n   Telegram 1337 From the Embassy in\n      Poland  '),
    'Telegram 1337 From the Embassy in Poland',
  );
});

test('FoldedTextBuilder gives offsets in the folded text across markup pieces', () => {
  // <p>Mr. <persName>Kissinger</persName> said …<note/> He came in</p> from frus1969-76v12/d86
  const builder = new FoldedTextBuilder();
  builder.append('\n  Mr. ');
  const start = builder.nextOffset();
  builder.append('Kissinger');
  const end = builder.length;
  builder.append(' said he had an interesting conversation with Dobrynin.');
  const anchor = builder.length;
  builder.append(' He came in\n   ');
  const text = builder.toString();
  assert.equal(text, 'Mr. Kissinger said he had an interesting conversation with Dobrynin. He came in');
  assert.equal(text.slice(start, end), 'Kissinger');
  assert.equal(text.slice(0, anchor).endsWith('Dobrynin.'), true);
});

test('FoldedTextBuilder treats a line break element as a space and never doubles one', () => {
  const builder = new FoldedTextBuilder();
  builder.append('DEPARTMENT OF STATE');
  builder.space();
  builder.append(' Washington');
  assert.equal(builder.toString(), 'DEPARTMENT OF STATE Washington');
});
