/**
 * The 5 MB article: how long a claim check takes on a paste far larger than any news story,
 * against a normal-sized article checked in the same process (the ratio is the figure to watch).
 * Usage: node --import tsx bench/check/run.ts [--db declass.db]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkArticle } from '../../src/check/check.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';

const dbFlag = process.argv.indexOf('--db');
const db = resolve(dbFlag > 0 ? process.argv[dbFlag + 1]! : (process.env.DECLASS_DB ?? 'declass.db'));
const archive = await openSqliteArchive(db);
const article = readFileSync(
  join(import.meta.dirname, '../../../shared/examples/clinton-putin-2000/article.txt'),
  'utf8',
);
const big = article
  .repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(article)))
  .slice(0, 5 * 1024 * 1024);

const time = async (text: string) => {
  const started = performance.now();
  const report = await checkArticle(archive, text, { source: 'bench' });
  return { ms: performance.now() - started, report };
};
const small = await time(article);
const large = await time(big);
console.log(`archive: ${db}`);
console.log(
  `article  ${(Buffer.byteLength(article) / 1024).toFixed(1)} KB: ${small.ms.toFixed(0)} ms, ${small.report.claims.length} claims`,
);
console.log(
  `5 MB paste ${(Buffer.byteLength(big) / 1048576).toFixed(1)} MB: ${large.ms.toFixed(0)} ms, ${large.report.claims.length} claims checked, ` +
    `${large.report.notChecked} not checked (cap ${large.report.claimCap}), ${large.report.sentences} sentences read`,
);
console.log(`ratio 5 MB / article: ${(large.ms / small.ms).toFixed(2)}`);
await archive.close();
