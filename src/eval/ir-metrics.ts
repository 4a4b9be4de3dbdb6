/**
 * Retrieval measures as trec_eval defines them, so figures compare with published ones.
 */

/** query id → document id → graded relevance. */
export type Qrels = Map<string, Map<string, number>>;

/**
 * nDCG at a cut-off (trec_eval `ndcg_cut`): gain is the relevance grade, the discount
 * log2(rank + 1), and the ideal ranking is the judged documents sorted by grade.
 */
export function ndcgAt(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0;
  for (const [index, id] of ranked.slice(0, k).entries()) {
    const gain = judged.get(id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(index + 2);
  }
  const ideal = [...judged.values()]
    .filter((gain) => gain > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  for (const [index, gain] of ideal.entries()) idcg += gain / Math.log2(index + 2);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(ranked: readonly string[], judged: ReadonlyMap<string, number>, k: number): number {
  const relevant = [...judged].filter(([, gain]) => gain > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Parses a BEIR/TREC qrels TSV (`query-id corpus-id score`, header optional). */
export function parseQrels(text: string, source: string): Qrels {
  const qrels: Qrels = new Map();
  for (const [index, line] of text.split('\n').entries()) {
    const fields = line.trim().split(/\t| +/);
    if (fields.length < 3 || fields[0] === '' || fields[0] === 'query-id') continue;
    const [query, document, score] = [fields[0]!, fields[1]!, Number(fields[fields.length - 1])];
    if (!Number.isFinite(score))
      throw new Error(`${source}:${index + 1}: the relevance "${fields[2]}" is not a number.`);
    const judged = qrels.get(query) ?? new Map<string, number>();
    judged.set(document, score);
    qrels.set(query, judged);
  }
  return qrels;
}
