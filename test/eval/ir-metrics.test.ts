import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ndcgAt, parseQrels, percentile, recallAt } from '../../src/eval/ir-metrics.js';

test('nDCG@10 follows trec_eval: graded gains, log2(rank + 1) discount, ideal from the judgements', () => {
  const judged = new Map([
    ['a', 2],
    ['b', 1],
    ['c', 0],
  ]);
  assert.equal(ndcgAt(['a', 'b'], judged, 10), 1);
  // b first, a third: (1/log2 2 + 2/log2 4) / (2/log2 2 + 1/log2 3)
  const expected = (1 + 2 / 2) / (2 + 1 / Math.log2(3));
  assert.ok(Math.abs(ndcgAt(['b', 'x', 'a'], judged, 10) - expected) < 1e-12);
  assert.equal(ndcgAt(['x', 'y'], judged, 10), 0);
  assert.equal(ndcgAt(['a'], new Map(), 10), 0);
  // A relevant document below the cut-off earns nothing.
  assert.equal(ndcgAt(['x', 'y', 'a'], new Map([['a', 1]]), 2), 0);
});

test('recall@k counts relevant documents within the cut-off', () => {
  const judged = new Map([
    ['a', 1],
    ['b', 1],
    ['c', 0],
  ]);
  assert.equal(recallAt(['a', 'c', 'x'], judged, 100), 0.5);
  assert.equal(recallAt(['x', 'b', 'a'], judged, 2), 0.5);
});

test('percentiles use the nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 95), 95);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile([7], 99), 7);
});

test('qrels parse with or without a header, and a bad grade names the line', () => {
  const qrels = parseQrels('query-id\tcorpus-id\tscore\n1\t10\t1\n1\t11\t2\n2\t20\t1\n', 'q.tsv');
  assert.deepEqual(
    [...qrels.get('1')!],
    [
      ['10', 1],
      ['11', 2],
    ],
  );
  assert.throws(() => parseQrels('1\t10\tx\n', 'q.tsv'), /q\.tsv:1: the relevance "x"/);
});
