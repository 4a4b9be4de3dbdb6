/**
 * Scoring the claim checker against gold claims (../shared/eval/claims.jsonl): verdict
 * accuracy, macro-F1 over the five verdicts, and evidence hit@3 over the claims that have
 * passage evidence (one of the top three cited passages contains a gold quote, white space
 * folded).
 */
import { checkStatement } from '../check/check.js';
import { EvidenceCache } from '../check/evidence.js';
import { VERDICTS, type VerdictLabel } from '../check/types.js';
import type { Archive } from '../store/archive.js';

export interface GoldClaim {
  id: string;
  claim: string;
  verdict: VerdictLabel;
  evidence: { doc: string; quote: string }[];
}

export interface ClaimScores {
  accuracy: number;
  macro_f1: number;
  'hit@3': number;
  n: number;
}

export interface ClaimOutcome {
  id: string;
  gold: VerdictLabel;
  predicted: VerdictLabel;
  hit: boolean | null;
  reason: string;
}

export function parseGoldClaims(rows: readonly unknown[]): GoldClaim[] {
  return rows.map((row, index) => {
    const value = row as Partial<GoldClaim>;
    if (typeof value.claim !== 'string' || !VERDICTS.includes(value.verdict as VerdictLabel))
      throw new Error(
        `gold line ${index + 1}: needs "claim" (text) and "verdict" (one of ${VERDICTS.join(', ')}).`,
      );
    return {
      id: value.id ?? `line${index + 1}`,
      claim: value.claim,
      verdict: value.verdict!,
      evidence: value.evidence ?? [],
    };
  });
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

export async function scoreClaims(
  archive: Archive,
  gold: readonly GoldClaim[],
): Promise<{ scores: ClaimScores; outcomes: ClaimOutcome[] }> {
  const cache = new EvidenceCache(archive);
  const outcomes: ClaimOutcome[] = [];
  for (const line of gold) {
    const { result } = await checkStatement(archive, line.claim, cache);
    let hit: boolean | null = null;
    if (line.evidence.length > 0) {
      hit = false;
      for (const citation of result.citations.slice(0, 3)) {
        const document = await cache.document(citation.documentId);
        const ordinal = Number(citation.link.split('#p')[1]);
        const passage = document?.passages.find((p) => p.ordinal === ordinal);
        const text = fold(passage?.text ?? citation.quote);
        if (line.evidence.some((e) => e.doc === citation.documentId && text.includes(fold(e.quote))))
          hit = true;
      }
    }
    outcomes.push({ id: line.id, gold: line.verdict, predicted: result.verdict, hit, reason: result.reason });
  }
  return { scores: summarise(outcomes), outcomes };
}

export function summarise(outcomes: readonly ClaimOutcome[]): ClaimScores {
  const n = outcomes.length;
  const correct = outcomes.filter((o) => o.gold === o.predicted).length;
  const f1s = VERDICTS.map((label) => {
    const tp = outcomes.filter((o) => o.gold === label && o.predicted === label).length;
    const fp = outcomes.filter((o) => o.gold !== label && o.predicted === label).length;
    const fn = outcomes.filter((o) => o.gold === label && o.predicted !== label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  const withEvidence = outcomes.filter((o) => o.hit !== null);
  return {
    accuracy: n === 0 ? 0 : correct / n,
    macro_f1: f1s.reduce((a, b) => a + b, 0) / VERDICTS.length,
    'hit@3': withEvidence.length === 0 ? 0 : withEvidence.filter((o) => o.hit).length / withEvidence.length,
    n,
  };
}
