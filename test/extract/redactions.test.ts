import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRedactions } from '../../src/extract/redactions.js';

test('markers as the shared volumes print them, with unit and amount', () => {
  const cases: [string, string, number | null][] = [
    ['[less than 1 line of source text not declassified]', 'line', 1],
    ['[1-1/2 lines of source text not declassified]', 'line', 1.5],
    ['[2–1/2 lines of source text not declassified]', 'line', 2.5],
    ['[7–1 /2 lines of source text not declassified]', 'line', 7.5],
    ['[1½ lines of source text not declassified]', 'line', 1.5],
    ['[4 paragraphs (6 lines of source text) not declassified]', 'paragraph', 4],
    ['[name not declassified]', 'name', 1],
    ['[2 names not declassified]', 'name', 2],
    ['[text not declassified]', 'text', null],
  ];
  for (const [marker, unit, amount] of cases) {
    const [found] = findRedactions(`c. ${marker} briefed the Committee`);
    assert.ok(found, marker);
    assert.equal(found.unit, unit, marker);
    assert.equal(found.amount, amount, marker);
    assert.equal(found.start, 3);
    assert.equal(found.marker, marker);
  }
});

test('each bracket counts once, and other brackets do not count', () => {
  // frus1969-76v12/d114
  const text =
    'Mr. [name not declassified] and Mr. [name not declassified] were present for Item 5 [Omitted here is discussion of items 1–4.]';
  assert.equal(findRedactions(text).length, 2);
  assert.equal(findRedactions('[Here follows discussion of unrelated matters.]').length, 0);
});

test('exemption codes printed with a marker are kept', () => {
  const [found] = findRedactions('[1 line not declassified (b)(1) 25X1]');
  assert.deepEqual(found?.exemptions, ['(b)(1)', '25X1']);
});
