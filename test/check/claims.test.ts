import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractClaims } from '../../src/check/claims.js';
import { findDates, findNumbers } from '../../src/check/quantities.js';
import { containsWords, wordDiff } from '../../src/check/diff.js';
import { renderReport } from '../../src/check/report.js';
import { sharedRoot } from '../helpers/paths.js';

const article = readFileSync(join(sharedRoot, 'examples', 'clinton-putin-2000', 'article.txt'), 'utf8');

test('a sentence with "although he acknowledged" gives two claims, the pronoun carried to Putin', () => {
  const { claims } = extractClaims(article);
  const domestic = claims.find((c) => /domestic political considerations/.test(c.content));
  assert.ok(domestic);
  assert.equal(domestic.actor?.surname, 'putin');
  assert.equal(domestic.verb, 'acknowledged');
  const support = claims.find((c) => /support for the idea/.test(c.content));
  assert.equal(support?.actor?.surname, 'putin');
});

test('"Clinton assured Putin that A, and that B" gives two claims with the addressee', () => {
  const { claims } = extractClaims(article);
  const assured = claims.filter((c) => c.verb === 'assured');
  assert.equal(assured.length, 2);
  assert.equal(assured[0]!.addressee?.surname, 'putin');
  assert.match(assured[0]!.content, /expansion would not threaten Russia/);
});

test('the NATO figure is read against "this meeting", and framing is skipped with a reason', () => {
  const { claims, skipped } = extractClaims(article);
  const nato = claims.find((c) => c.anchoredToRecord);
  assert.equal(nato?.numbers[0]?.low, 12);
  assert.ok(skipped.some((s) => /shed light/.test(s.sentence) && /framing/.test(s.reason)));
});

test('numbers: words, ordinals, "16-nation" and shared-thousands ranges', () => {
  const [range] = findNumbers('there are still about 55-60,000 of Jewish origin');
  assert.deepEqual([range!.low, range!.high, range!.approximate], [55000, 60000, true]);
  const [nation, rank] = findNumbers("a 16-nation NATO and the alliance's fourteenth member");
  assert.equal(nation!.low, 16);
  assert.deepEqual([rank!.low, rank!.ordinal], [14, true]);
  assert.equal(findNumbers('twelve additional countries')[0]!.low, 12);
});

test('dates: day-month-year, month-year and bare years, kept out of the numbers', () => {
  const text = 'At their 27 September 1969 meeting, and in May 1965, and in 1986';
  assert.deepEqual(
    findDates(text).map((d) => [d.year, d.month, d.day]),
    [
      [1969, 9, 27],
      [1965, 5, null],
      [1986, null, null],
    ],
  );
  assert.equal(findNumbers(text).length, 0);
});

test('quotations: curly quotes match straight ones; a changed word shows in the diff', () => {
  assert.ok(
    containsWords('K said he had been very tough with D—he didn’t give an inch.', "didn't give an inch"),
  );
  const diff = wordDiff(
    'I would grade him about a B plus on discussions on arms',
    'about a C minus on discussions on arms',
  );
  assert.ok(diff.some((d) => d.op === 'removed' && d.text === 'B plus'));
  assert.ok(diff.some((d) => d.op === 'added' && d.text === 'C minus'));
});

test('hostile input: empty text gives no claims; the HTML report escapes article text', () => {
  assert.equal(extractClaims('').claims.length, 0);
  const html = renderReport(
    {
      source: '<script>alert(1)</script>',
      wasHtml: true,
      isEnglish: true,
      characters: 0,
      sentences: 1,
      claims: [],
      skipped: [{ sentence: '<img src=x onerror=alert(1)>', sentenceIndex: 0, reason: 'test' }],
      notChecked: 0,
      claimCap: 40,
      anchorDate: null,
      counts: { supported: 0, misattributed: 0, altered_quote: 0, contradicted: 0, not_in_record: 0 },
      notes: [],
      tookMs: 0,
    },
    'html',
  );
  assert.ok(!html.includes('<script>alert'));
  assert.ok(!html.includes('<img src=x'));
});

test('a huge paste is read only up to the claim cap', () => {
  const sentence =
    'Kissinger told Dobrynin in September 1969 that four-power talks on Berlin were acceptable. ';
  const started = performance.now();
  const result = extractClaims(sentence.repeat(20000), { maxClaims: 40 });
  assert.equal(result.claims.length, 40);
  assert.ok(result.notChecked > 0);
  assert.ok(performance.now() - started < 10000);
});
