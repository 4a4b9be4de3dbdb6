/**
 * Word-level comparison of a quotation with the record's wording: the longest common
 * subsequence of words, reported as runs of kept, added (claim only) and removed (record only).
 */
import type { WordDiff } from './types.js';
import { foldPunctuation } from './words.js';

function tokens(text: string): string[] {
  return foldPunctuation(text).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Word diff from the record's words to the claim's words. */
export function wordDiff(record: string, claim: string): WordDiff[] {
  const a = tokens(record);
  const b = tokens(claim);
  const lower = (w: string) => w.toLowerCase();
  const table: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i]![j] =
        lower(a[i]!) === lower(b[j]!)
          ? table[i + 1]![j + 1]! + 1
          : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const runs: WordDiff[] = [];
  const push = (op: WordDiff['op'], word: string) => {
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += ` ${word}`;
    else runs.push({ op, text: word });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (lower(a[i]!) === lower(b[j]!)) {
      push('same', b[j]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return runs;
}

/** Does `needle` occur in `haystack` as a run of whole words (case and punctuation folded)? */
export function containsWords(haystack: string, needle: string): boolean {
  const n = tokens(needle).map((w) => w.toLowerCase());
  if (n.length === 0) return false;
  const h = tokens(haystack).map((w) => w.toLowerCase());
  outer: for (let i = 0; i + n.length <= h.length; i++) {
    for (let k = 0; k < n.length; k++) if (h[i + k] !== n[k]) continue outer;
    return true;
  }
  return false;
}

/** Share of the quotation's words that the record's sentence holds in the same order (0–1). */
export function orderedOverlap(record: string, quote: string): number {
  const diff = wordDiff(record, quote);
  const same = diff.filter((d) => d.op === 'same').reduce((n, d) => n + d.text.split(' ').length, 0);
  const total = tokens(quote).length;
  return total === 0 ? 0 : same / total;
}

/** The part of a record sentence that lines up with the quotation, for a readable diff. */
export function alignedWindow(record: string, quote: string): string {
  const recordTokens = tokens(record);
  const quoteTokens = new Set(tokens(quote).map((w) => w.toLowerCase()));
  let first = recordTokens.findIndex((w) => quoteTokens.has(w.toLowerCase()));
  let last =
    recordTokens.length - 1 - [...recordTokens].reverse().findIndex((w) => quoteTokens.has(w.toLowerCase()));
  if (first < 0) return record;
  first = Math.max(0, first - 2);
  last = Math.min(recordTokens.length - 1, last + 2);
  return recordTokens.slice(first, last + 1).join(' ');
}
