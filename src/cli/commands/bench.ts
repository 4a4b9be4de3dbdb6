/**
 * `declass bench beir <dir>`: retrieval quality and latency on a BEIR dataset, through the
 * normal ingest and search path, in a temporary archive.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { runBeirBenchmark } from '../../eval/beir.js';
import { openSqliteArchive } from '../../store/sqlite/index.js';
import { UserError } from '../errors.js';
import { printJson, style } from '../format.js';

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('measure retrieval quality and speed');
  bench
    .command('beir')
    .description('nDCG@10, Recall@100 and latency on a BEIR dataset (corpus.jsonl, queries, qrels)')
    .argument('<dir>', 'BEIR dataset folder, e.g. ../shared/benchmarks/beir-scifact')
    .option('--queries <file>', 'queries JSONL (default: queries.jsonl, else queries.<split>.jsonl)')
    .option('--qrels <file>', 'qrels TSV (default: qrels/test.tsv, else qrels/train.tsv)')
    .option('--json', 'print { "ndcg@10", "recall@100", "p50_ms", "p95_ms", "p99_ms" }')
    .action(async (dir: string, options: { queries?: string; qrels?: string; json?: boolean }) => {
      let result;
      try {
        result = await runBeirBenchmark({
          dir,
          queriesFile: options.queries,
          qrelsFile: options.qrels,
          openArchive: (folder) => openSqliteArchive(join(folder, 'beir.db')),
          onProgress: options.json ? undefined : (message) => console.error(style.dim(message)),
        });
      } catch (error) {
        throw new UserError((error as Error).message);
      }
      if (options.json) return printJson(result);
      console.log(`${result.dataset}: ${result.documents} documents, ${result.queries} judged queries`);
      console.log(`  nDCG@10     ${style.bold(result['ndcg@10'].toFixed(4))}`);
      console.log(`  Recall@100  ${result['recall@100'].toFixed(4)}`);
      console.log(
        `  latency     p50 ${result.p50_ms} ms · p95 ${result.p95_ms} ms · p99 ${result.p99_ms} ms`,
      );
      console.log(`  ingest      ${result.ingest_seconds} s`);
    });
}
