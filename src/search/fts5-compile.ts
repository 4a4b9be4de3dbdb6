/**
 * Pieces of SQLite FTS5 query syntax built from a query tree's leaves. Every word the user
 * typed ends up inside an FTS5 string ("…", with inner quotes doubled), so FTS5 operators,
 * column filters and NEAR groups can only come from this module, never from user text. The
 * expressions are passed to MATCH as bound parameters.
 */
import type { QueryNode } from './ast.js';

/** FTS5 columns of the passage index, in declaration order (bm25 weights follow this order). */
export const FTS_COLUMNS = ['head', 'body', 'speakers'] as const;

const HAS_TEXT = /[\p{L}\p{N}]/u;

/** An FTS5 string: the tokenizer splits it into words, and it matches them as a phrase. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 expression for a word or phrase, or null when it holds nothing the index can
 * match (punctuation only), which the caller treats as "matches nothing".
 */
export function leafExpression(node: Extract<QueryNode, { type: 'term' | 'phrase' }>): string | null {
  if (node.type === 'term') {
    if (!HAS_TEXT.test(node.value)) return null;
    return node.prefix ? `${ftsString(node.value)} *` : ftsString(node.value);
  }
  const words = node.words.filter((word) => HAS_TEXT.test(word));
  return words.length === 0 ? null : ftsString(words.join(' '));
}

/** Passages whose speaker names or labels hold every word of `name` ("Gromyko", "Henry Kissinger"). */
export function speakerNameExpression(name: string): string | null {
  const words = name.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return `{speakers} : (${words.map(ftsString).join(' AND ')})`;
}

/** Joins FTS5 expressions with an operator, parenthesising each. */
export function joinExpressions(operator: 'AND' | 'OR', expressions: readonly string[]): string {
  if (expressions.length === 1) return expressions[0]!;
  return expressions.map((expression) => `(${expression})`).join(` ${operator} `);
}
