/**
 * From the query tree's words to PostgreSQL tsquery text. User text never reaches `to_tsquery`
 * as syntax: words and phrases go through `plainto_tsquery` / `phraseto_tsquery` (which treat
 * their input as plain text), and prefixes are rebuilt from letter-and-digit runs only. The
 * server's own output (`::text`, every lexeme single-quoted) is what this module combines with
 * `&`, `|` and `!`, and it is sent back as a bound `$n::tsquery` parameter.
 */
import type { QueryNode } from '../../search/ast.js';
import type { Pool } from './database.js';

export type Leaf = Extract<QueryNode, { type: 'term' | 'phrase' }>;

/** A search term as ranking sees it: one lexeme (stemmed), or a prefix of lexemes. */
export interface RankTerm {
  lexeme: string;
  prefix: boolean;
  /** The term alone as tsquery text (`'berlin'`, `'detent':*`), in any field. */
  query: string;
}

/** Resolved tsquery text per leaf and per speaker name ('' when nothing is left to match). */
export interface Resolved {
  leaf(node: Leaf): string;
  speakerName(name: string): string;
}

const RUNS = /[\p{L}\p{N}]+/gu;
/** A quoted lexeme in tsquery output, with an optional prefix mark. */
const LEXEME = /'((?:[^']|'')*)'(:\*)?/g;

/**
 * Analysed texts per database, most recent last: a word's tsquery depends only on the text and
 * the fixed 'english' configuration, so repeated words skip the round trip.
 */
const ANALYSED = new WeakMap<Pool, Map<string, string>>();
const ANALYSED_LIMIT = 10_000;

/**
 * Asks PostgreSQL to analyse every word, phrase and speaker name of a query in one round trip
 * (none when every one was analysed before).
 */
export async function resolveTexts(
  pool: Pool,
  leaves: readonly Leaf[],
  speakerNames: readonly string[],
): Promise<Resolved> {
  const analysed = ANALYSED.get(pool) ?? new Map<string, string>();
  ANALYSED.set(pool, analysed);
  const found = new Map<string, string>();
  const kinds: string[] = [];
  const texts: string[] = [];
  const keys: string[] = [];
  const add = (key: string, kind: 'plain' | 'phrase' | 'prefix', text: string) => {
    const known = analysed.get(key);
    if (known !== undefined) {
      found.set(key, known);
      return;
    }
    if (keys.includes(key)) return;
    keys.push(key);
    kinds.push(kind);
    texts.push(text);
  };
  for (const leaf of leaves) {
    const key = leafKey(leaf);
    if (leaf.type === 'phrase') add(key, 'phrase', leaf.words.join(' '));
    else if (leaf.prefix) add(key, 'prefix', prefixQuery(leaf.value));
    else add(key, 'plain', leaf.value);
  }
  for (const name of speakerNames) add(`speaker:${name}`, 'plain', name);
  if (keys.length > 0) {
    const result = await pool.query<{ i: number; q: string }>(
      `SELECT x.i::int AS i,
         (CASE x.kind WHEN 'phrase' THEN phraseto_tsquery('english', x.text)
                      WHEN 'prefix' THEN to_tsquery('english', x.text)
                      ELSE plainto_tsquery('english', x.text) END)::text AS q
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(kind, text, i)`,
      [kinds, texts],
    );
    for (const row of result.rows) {
      const key = keys[row.i - 1]!;
      found.set(key, row.q);
      analysed.set(key, row.q);
      if (analysed.size > ANALYSED_LIMIT) analysed.delete(analysed.keys().next().value!);
    }
  }
  return {
    leaf: (node) => found.get(leafKey(node)) ?? '',
    speakerName: (name) => onlyWeight(found.get(`speaker:${name}`) ?? '', 'B'),
  };
}

function leafKey(leaf: Leaf): string {
  return leaf.type === 'phrase'
    ? `phrase:${leaf.words.join(' ')}`
    : `term:${leaf.prefix ? '*' : ''}${leaf.value}`;
}

/**
 * `diplomat*` as tsquery input. Only runs of letters and digits are kept and each is quoted,
 * so nothing the user typed can act as an operator: `anti-sov*` is `'anti' <-> 'sov':*`.
 */
export function prefixQuery(word: string): string {
  const runs = word.match(RUNS) ?? [];
  return runs.map((run, index) => `'${run}'${index === runs.length - 1 ? ':*' : ''}`).join(' <-> ');
}

/** Restricts every lexeme of a tsquery to one weight (B: speaker names). */
function onlyWeight(query: string, weight: 'A' | 'B' | 'C'): string {
  return query.replace(
    LEXEME,
    (_, lexeme: string, prefix: string | undefined) => `'${lexeme}':${prefix ? '*' : ''}${weight}`,
  );
}

/** The lexemes of tsquery text, for ranking. */
export function rankTerms(query: string): RankTerm[] {
  return [...query.matchAll(LEXEME)].map((match) => ({
    lexeme: match[1]!.replace(/''/g, "'"),
    prefix: match[2] !== undefined,
    query: `'${match[1]!}'${match[2] ?? ''}`,
  }));
}

/** Combines tsquery texts (each parenthesised); '' parts are left out. */
export function combine(operator: '&' | '|', parts: readonly string[]): string {
  const present = [...new Set(parts.filter((part) => part !== ''))];
  if (present.length <= 1) return present[0] ?? '';
  return present.map((part) => `(${part})`).join(` ${operator} `);
}
