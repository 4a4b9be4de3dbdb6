/**
 * SciFact nDCG@10 on PostgreSQL next to SQLite, through the same harness as `declass bench
 * beir` (the normal ingest and search path): the training queries by default, since ranking is
 * tuned on those only.
 *
 *   DATABASE_URL=postgres:///declass_test node --import tsx bench/pg/beir.ts [<dir>] [--qrels FILE]
 */
import { join } from 'node:path';
import { runBeirBenchmark, type BeirResult } from '../../src/eval/beir.js';
import { openPostgresArchive } from '../../src/store/postgres/index.js';
import { createScratchSchema, type ScratchSchema } from '../../src/store/postgres/scratch.js';
import { openSqliteArchive } from '../../src/store/sqlite/index.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? join('..', 'shared', 'benchmarks', 'beir-scifact');
const qrelsFlag = args.indexOf('--qrels');
const qrelsFile = qrelsFlag >= 0 ? args[qrelsFlag + 1] : join(dir, 'qrels', 'train.tsv');
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/pg/beir: set DATABASE_URL (e.g. postgres:///declass_test); see scripts/ci-postgres.sh.',
  );
  process.exit(2);
}

const sqlite = await runBeirBenchmark({
  dir,
  qrelsFile,
  openArchive: (folder) => openSqliteArchive(join(folder, 'beir.db')),
});
let schema: ScratchSchema | null = null;
let postgres: BeirResult;
try {
  postgres = await runBeirBenchmark({
    dir,
    qrelsFile,
    openArchive: async () => {
      schema = await createScratchSchema(url, 'declass_bench');
      return openPostgresArchive(schema.url);
    },
  });
} finally {
  await (schema as ScratchSchema | null)?.drop();
}

const row = (name: string, r: BeirResult) =>
  `${name.padEnd(10)} ${r['ndcg@10'].toFixed(4).padStart(8)} ${r['recall@100'].toFixed(4).padStart(10)} ` +
  `${String(r.p50_ms).padStart(8)} ${String(r.p95_ms).padStart(8)} ${String(r.p99_ms).padStart(8)} ${String(r.ingest_seconds).padStart(9)}`;
console.log(`${dir}: ${sqlite.documents} documents, ${sqlite.queries} judged queries (${qrelsFile})`);
console.log(
  `${'engine'.padEnd(10)} ${'nDCG@10'.padStart(8)} ${'Recall@100'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'ingest s'.padStart(9)}`,
);
console.log(row('sqlite', sqlite));
console.log(row('postgres', postgres!));
console.log(
  `ratio postgres/sqlite: nDCG@10 ${(postgres!['ndcg@10'] / sqlite['ndcg@10']).toFixed(3)}, p50 ${(postgres!.p50_ms / sqlite.p50_ms).toFixed(2)}x`,
);
