/**
 * The claim checker end to end on the real store: the six shared volumes and the Clinton–Putin
 * excerpts ingested into a fresh SQLite archive, then the dev gold claims scored and the
 * example article checked. Prints the figures.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkArticle } from '../../src/check/check.js';
import { parseGoldClaims, scoreClaims } from '../../src/eval/claims.js';
import { readJsonLines } from '../../src/eval/jsonl.js';
import { defaultEnrichers } from '../../src/ingest/enrichers.js';
import { ingestPaths } from '../../src/ingest/pipeline.js';
import type { Archive } from '../../src/store/archive.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';
import { evalDir, scratchDir, sharedRoot, volumesDir } from '../helpers/paths.js';

const example = join(sharedRoot, 'examples', 'clinton-putin-2000');
let archive: Archive;
let cleanup: () => void;

before(async () => {
  const scratch = scratchDir('declass-check-');
  cleanup = scratch.cleanup;
  archive = await openSqliteArchive(join(scratch.dir, 'check.db'));
  const summary = await ingestPaths(archive, [volumesDir, join(example, 'memcon-excerpts.txt')], {
    enrichers: defaultEnrichers,
  });
  assert.deepEqual(summary.failed, []);
});

after(async () => {
  await archive?.close();
  cleanup?.();
});

test('dev claims: accuracy ≥ 80%, macro-F1 ≥ 0.75, evidence hit@3 ≥ 90%', { timeout: 600_000 }, async () => {
  const gold = parseGoldClaims(await readJsonLines(join(evalDir, 'claims.jsonl')));
  const { scores, outcomes } = await scoreClaims(archive, gold);
  for (const o of outcomes.filter((x) => x.gold !== x.predicted || x.hit === false))
    console.log(`  ${o.id} gold=${o.gold} got=${o.predicted} hit=${o.hit ?? '-'}  ${o.reason}`);
  console.log(`claims: ${JSON.stringify(scores)}`);
  assert.ok(scores.accuracy >= 0.8, `accuracy ${scores.accuracy}`);
  assert.ok(scores.macro_f1 >= 0.75, `macro-F1 ${scores.macro_f1}`);
  assert.ok(scores['hit@3'] >= 0.9, `hit@3 ${scores['hit@3']}`);
});

test('the Clinton–Putin article: misattributed, contradicted by the NATO table, not in record, supported', async () => {
  const report = await checkArticle(archive, readFileSync(join(example, 'article.txt')), {
    source: 'article.txt',
  });
  const find = (pattern: RegExp) => report.claims.find((c) => pattern.test(c.claim.content));
  const domestic = find(/domestic political considerations/);
  assert.equal(domestic?.result.verdict, 'misattributed');
  assert.match(domestic!.result.citations[0]!.speaker ?? '', /Clinton/);
  const twelve = find(/twelve additional countries/);
  assert.equal(twelve?.result.verdict, 'contradicted');
  assert.ok(twelve!.result.computation?.some((step) => /13 accessions strictly after 2000-06-04/.test(step)));
  assert.equal(find(/new era of rapprochement/)?.result.verdict, 'not_in_record');
  const assurance = find(/expansion would not threaten Russia/);
  assert.equal(assurance?.result.verdict, 'supported');
  assert.match(assurance!.result.citations[0]!.quote, /does not threaten Russia/);
});

test('hostile input: empty, another language, HTML with scripts', async () => {
  const empty = await checkArticle(archive, '');
  assert.equal(empty.claims.length, 0);
  assert.ok(empty.notes.some((n) => /empty/.test(n)));
  const french = await checkArticle(
    archive,
    "Le président a déclaré que l'élargissement de l'OTAN ne menaçait pas la Russie et que les discussions continueraient.",
  );
  assert.equal(french.isEnglish, false);
  assert.equal(french.claims.length, 0);
  const html = await checkArticle(
    archive,
    '<html><body><script>alert("Clinton told Putin that NATO would dissolve")</script><p>Kissinger told Dobrynin in September 1969 that four-power talks on Berlin were unacceptable.</p></body></html>',
  );
  assert.equal(html.wasHtml, true);
  assert.ok(html.claims.every((c) => !/dissolve/.test(c.claim.text)));
});
