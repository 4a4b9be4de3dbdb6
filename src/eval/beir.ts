/**
 * A BEIR retrieval benchmark run through the real pipeline: the corpus is ingested into a
 * fresh archive with the normal readers, and every judged query goes through the normal
 * search call. Reports nDCG@10, Recall@100 and latency percentiles.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { beirCorpusReader } from '../ingest/beir/index.js';
import { ingestPaths } from '../ingest/pipeline.js';
import { naturalLanguageQuery } from '../search/natural.js';
import type { Archive } from '../store/archive.js';
import { readJsonLines } from './jsonl.js';
import { mean, ndcgAt, parseQrels, percentile, recallAt } from './ir-metrics.js';

export interface BeirOptions {
  dir: string;
  queriesFile?: string;
  qrelsFile?: string;
  /** Opens an empty archive in the given folder (the engine under test). */
  openArchive: (folder: string) => Promise<Archive>;
  onProgress?: (message: string) => void;
}

export interface BeirResult {
  dataset: string;
  documents: number;
  queries: number;
  'ndcg@10': number;
  'recall@100': number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  ingest_seconds: number;
}

const BeirQuery = z.object({ _id: z.union([z.string(), z.number()]), text: z.string() });

/** The files of a BEIR folder: test qrels when present, else train; queries.jsonl, else queries.<split>.jsonl. */
export function beirFiles(
  dir: string,
  queriesFile?: string,
  qrelsFile?: string,
): { corpus: string; queries: string; qrels: string } {
  const corpus = join(dir, 'corpus.jsonl');
  const qrels =
    qrelsFile ?? [join(dir, 'qrels', 'test.tsv'), join(dir, 'qrels', 'train.tsv')].find(existsSync);
  if (!qrels) throw new Error(`${dir}: no qrels/test.tsv or qrels/train.tsv; name one with --qrels.`);
  const split = qrels.endsWith('train.tsv') ? 'train' : 'test';
  const queries =
    queriesFile ?? [join(dir, 'queries.jsonl'), join(dir, `queries.${split}.jsonl`)].find(existsSync);
  if (!queries)
    throw new Error(`${dir}: no queries.jsonl or queries.${split}.jsonl; name one with --queries.`);
  for (const file of [corpus, queries, qrels]) if (!existsSync(file)) throw new Error(`${file}: not found.`);
  return { corpus, queries, qrels };
}

export async function runBeirBenchmark(options: BeirOptions): Promise<BeirResult> {
  const files = beirFiles(options.dir, options.queriesFile, options.qrelsFile);
  const qrels = parseQrels(await readFile(files.qrels, 'utf8'), files.qrels);
  const queries = (await readJsonLines(files.queries)).map((row, index) => {
    const parsed = BeirQuery.safeParse(row);
    if (!parsed.success) throw new Error(`${files.queries}:${index + 1}: expected {"_id", "text"}.`);
    return { id: String(parsed.data._id), text: parsed.data.text };
  });
  const judged = queries.filter((query) => qrels.has(query.id));

  const folder = await mkdtemp(join(tmpdir(), 'declass-beir-'));
  try {
    const archive = await options.openArchive(folder);
    try {
      options.onProgress?.(`ingesting ${files.corpus}`);
      const ingest = await ingestPaths(archive, [files.corpus], { readers: [beirCorpusReader] });
      if (ingest.failed.length > 0) throw new Error(`${files.corpus}: ${ingest.failed[0]!.reason}`);
      const prefix = `${ingest.collections[0]?.id ?? ''}/`;
      options.onProgress?.(`running ${judged.length} queries`);
      const ndcg: number[] = [];
      const recall: number[] = [];
      const latencies: number[] = [];
      for (const query of judged) {
        const started = performance.now();
        const response = await archive.search({ query: naturalLanguageQuery(query.text), limit: 100 });
        latencies.push(performance.now() - started);
        const ranked = response.hits.map((hit) => hit.documentId.slice(prefix.length));
        const relevance = qrels.get(query.id)!;
        ndcg.push(ndcgAt(ranked, relevance, 10));
        recall.push(recallAt(ranked, relevance, 100));
      }
      return {
        dataset: options.dir,
        documents: ingest.added + ingest.unchanged + ingest.updated,
        queries: judged.length,
        'ndcg@10': round(mean(ndcg)),
        'recall@100': round(mean(recall)),
        p50_ms: round(percentile(latencies, 50), 2),
        p95_ms: round(percentile(latencies, 95), 2),
        p99_ms: round(percentile(latencies, 99), 2),
        ingest_seconds: round(ingest.seconds, 2),
      };
    } finally {
      await archive.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
