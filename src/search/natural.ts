/**
 * Natural-language queries (a claim, a question, a sentence from an article) as a query tree:
 * every word becomes an optional term and ranking decides. Such text is never run through
 * the query-language parser, where a stray hyphen or "OR" would change its meaning.
 */
import type { QueryNode } from './ast.js';

/** Words longer than this are noise (hashes, URLs); the cap also bounds the query's cost. */
const MAX_WORD_LENGTH = 40;
const MAX_TERMS = 64;

export function naturalLanguageQuery(text: string): QueryNode {
  const seen = new Set<string>();
  const terms: QueryNode[] = [];
  for (const match of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    if (word.length > MAX_WORD_LENGTH || seen.has(word)) continue;
    seen.add(word);
    terms.push({ type: 'term', value: word, prefix: false });
    if (terms.length === MAX_TERMS) break;
  }
  if (terms.length === 0) return { type: 'all' };
  return terms.length === 1 ? terms[0]! : { type: 'or', children: terms };
}
