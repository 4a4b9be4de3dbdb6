/**
 * Loading a BEIR dataset (corpus, queries, qrels) for the peer benchmarks.
 */
import { readFileSync } from 'node:fs';
import { beirFiles } from '../../src/eval/beir.js';
import { parseQrels, type Qrels } from '../../src/eval/ir-metrics.js';

export interface BeirData {
  corpusFile: string;
  corpus: { id: string; title: string; text: string }[];
  queries: { id: string; text: string }[];
  qrels: Qrels;
}

export function loadBeir(dir: string, queriesFile?: string, qrelsFile?: string): BeirData {
  const files = beirFiles(dir, queriesFile, qrelsFile);
  const readLines = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const corpus = readLines(files.corpus).map((row) => ({
    id: String(row._id),
    title: String(row.title ?? ''),
    text: String(row.text ?? ''),
  }));
  const qrels = parseQrels(readFileSync(files.qrels, 'utf8'), files.qrels);
  const queries = readLines(files.queries)
    .map((row) => ({ id: String(row._id), text: String(row.text) }))
    .filter((query) => qrels.has(query.id));
  return { corpusFile: files.corpus, corpus, queries, qrels };
}

/** Lower-case word tokens, the same for every peer so none gets a better tokenizer for free. */
export function words(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}
