/**
 * Ranking of candidate passages, independent of the engine that found them: BM25 over a passage
 * with its document's title as a weighted field, words and phrases as terms, and highlighted
 * snippets cut inside one passage.
 *
 * The engine finds candidates cheaply (its own index and scoring) and supplies the corpus
 * statistics (passage count, average length, each term's document frequency); this module
 * scores them the same way on every engine. The parameters were tuned on the BEIR SciFact
 * training queries only (bench/RESULTS.md): title weight 2 and b = 0.5 beat FTS5's built-in
 * bm25 (k1 = 1.2, b = 0.75, equal weights) there; proximity windows and RM3 feedback did not help.
 */
import type { QueryNode } from './ast.js';
import { fold, stem, tokenize, tokenizeSparse } from './porter.js';

/** BM25 term-frequency saturation. */
export const BM25_K1 = 1.2;
/** BM25 length normalisation (0: none, 1: full). */
export const BM25_B = 0.5;
/** Weight of a match in each field against one in the passage body. */
export const FIELD_WEIGHTS = { title: 2, head: 2, body: 1, speakers: 0.5 } as const;

/**
 * Words left out of a query that has other words to search for (Lucene's English list): they
 * occur in nearly every passage, so they cost the most to match and barely change the ranking.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their then there ' +
    'these they this to was will with'
  ).split(' '),
);

/** A word (one stem, or a prefix) or a phrase (stems in order) to score. */
export interface RankTerm {
  stems: string[];
  prefix: boolean;
  /** The term in FTS5-vocabulary form, for document-frequency look-ups. */
  key: string;
}

export function rankTerm(leaf: Extract<QueryNode, { type: 'term' | 'phrase' }>): RankTerm | null {
  if (leaf.type === 'term') {
    const tokens = leaf.prefix ? leaf.value.match(/[\p{L}\p{N}]+/gu)?.map(fold) : tokenize(leaf.value);
    if (!tokens || tokens.length === 0) return null;
    // `U.S.` is the phrase "u s" to FTS5 as well.
    if (tokens.length > 1) return { stems: leaf.prefix ? tokens.map(stem) : tokens, prefix: false, key: '' };
    return { stems: tokens, prefix: leaf.prefix, key: tokens[0]! };
  }
  const stems = tokenize(leaf.words.join(' '));
  if (stems.length === 0) return null;
  return stems.length === 1 ? { stems, prefix: false, key: stems[0]! } : { stems, prefix: false, key: '' };
}

/**
 * A test for tokens that may stem to one of the terms' stems. Porter's stemmer only rewrites a
 * word's last letters, so a token can only stem to `s` if it starts with all of `s` but its last
 * two letters.
 */
export function relevantTokens(terms: readonly RankTerm[]): (token: string) => boolean {
  const heads = new Map<string, string[]>();
  for (const term of terms) {
    for (const s of term.stems) {
      const head = stemHead(s);
      const list = heads.get(head[0]!) ?? [];
      list.push(head);
      heads.set(head[0]!, list);
    }
  }
  return (token) => {
    const list = heads.get(token[0] ?? '');
    if (!list) return false;
    for (const head of list) if (token.startsWith(head)) return true;
    return false;
  };
}

/** The tokens of a text for scoring: exact positions, stems only where a term may match. */
export function scoringTokens(text: string | null, relevant: (token: string) => boolean): string[] {
  return text ? tokenizeSparse(text, relevant) : [];
}

export interface CorpusStats {
  /** Units of retrieval (passages with text). */
  passages: number;
  /** Average tokens of a passage plus its title. */
  averageLength: number;
}

/** A term's weight: BM25 inverse document frequency, never below a small positive floor. */
export function inverseDocumentFrequency(documentFrequency: number, passages: number): number {
  return Math.max(1e-6, Math.log((passages - documentFrequency + 0.5) / (documentFrequency + 0.5)));
}

export interface WeightedTerm {
  term: RankTerm;
  idf: number;
}

/** Whether the term starts at token i. */
function matchesAt(term: RankTerm, tokens: readonly string[], i: number): boolean {
  const stems = term.stems;
  const token = tokens[i]!;
  if (term.prefix ? !token.startsWith(stems[0]!) : token !== stems[0]) return false;
  for (let j = 1; j < stems.length; j++) if (tokens[i + j] !== stems[j]) return false;
  return true;
}

/** How often the term occurs in a token list. */
export function termFrequency(term: RankTerm, tokens: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i++) if (matchesAt(term, tokens, i)) count++;
  return count;
}

/** A field of a candidate passage: its length in tokens and each term's frequency in it. */
export interface FieldCounts {
  length: number;
  /** By term, in the order given to the counter. */
  tf: readonly number[];
}

/** The fields of one candidate passage. */
export interface PassageFields {
  title: FieldCounts;
  head: FieldCounts;
  body: FieldCounts;
  speakers: FieldCounts;
}

/** Anything but printable ASCII, tabs and line breaks. */
const NON_ASCII = /[^\t\n\r -~]/;
/** Whether a character is part of a token for the index (letters, digits, private use, marks). */
const TOKEN_CHARACTER = /^[\p{L}\p{N}\p{Co}\p{M}]$/u;
/** By UTF-16 code unit below 0x10000: 1 token character, 2 separator, 0 not looked up yet. */
const tokenCharacters = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const alphanumeric = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  tokenCharacters[c] = alphanumeric ? 1 : 2;
}

/** Whether the code point is a token character (looked up once per BMP character). */
function isTokenCharacter(codePoint: number): boolean {
  if (codePoint < 0x10000) {
    let kind = tokenCharacters[codePoint]!;
    if (kind === 0) {
      kind = TOKEN_CHARACTER.test(String.fromCharCode(codePoint)) ? 1 : 2;
      tokenCharacters[codePoint] = kind;
    }
    return kind === 1;
  }
  return TOKEN_CHARACTER.test(String.fromCodePoint(codePoint));
}

/**
 * Counts the terms in texts. For words without phrases, one pass over the characters finds the
 * tokens as the index splits them; only tokens that may stem to a term (Porter rewrites only a
 * word's last letters) are folded and stemmed. Phrases take the token-by-token path.
 */
export class TermCounter {
  readonly empty: FieldCounts;
  private readonly simple: boolean;
  private readonly relevant: (token: string) => boolean;
  /** By first letter (char code): the beginnings a token must have to stem to a term. */
  private readonly heads = new Map<number, string[]>();
  /** Those beginnings at the start of an ASCII token, for texts without other characters. */
  private readonly pattern: RegExp | null = null;

  constructor(private readonly terms: readonly RankTerm[]) {
    this.empty = { length: 0, tf: terms.map(() => 0) };
    this.relevant = relevantTokens(terms);
    this.simple = terms.length > 0 && terms.every((term) => term.stems.length === 1);
    for (const term of terms) {
      const head = stemHead(term.stems[0]!);
      const list = this.heads.get(head.charCodeAt(0)) ?? [];
      if (!list.includes(head)) list.push(head);
      this.heads.set(head.charCodeAt(0), list);
    }
    const all = [...this.heads.values()].flat();
    if (this.simple && all.every((head) => /^[a-z0-9]+$/.test(head)))
      this.pattern = new RegExp(`(?<![a-z0-9])(?:${all.join('|')})[a-z0-9]*`, 'g');
  }

  /** `length`: the text's token count when known (from the index); otherwise counted. */
  count(text: string | null, length?: number): FieldCounts {
    if (!text) return this.empty;
    if (!this.simple) {
      const tokens = scoringTokens(text, this.relevant);
      return { length: tokens.length, tf: this.terms.map((term) => termFrequency(term, tokens)) };
    }
    const tf = this.terms.map(() => 0);
    text = text.toLowerCase();
    if (this.pattern && length !== undefined && !NON_ASCII.test(text)) {
      // ASCII only: tokens are the runs of letters and digits, found by one regular expression.
      for (const match of text.matchAll(this.pattern)) this.add(tf, match[0]);
      return { length, tf };
    }
    const end = text.length;
    let tokens = 0;
    let i = 0;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (c < 128) {
        if (tokenCharacters[c] !== 1) {
          i++;
          continue;
        }
      } else {
        const point = text.codePointAt(i)!;
        if (!isTokenCharacter(point)) {
          i += point > 0xffff ? 2 : 1;
          continue;
        }
      }
      const start = i;
      let ascii = true;
      while (i < end) {
        c = text.charCodeAt(i);
        if (c < 128) {
          if (tokenCharacters[c] !== 1) break;
          i++;
        } else {
          const point = text.codePointAt(i)!;
          if (!isTokenCharacter(point)) break;
          ascii = false;
          i += point > 0xffff ? 2 : 1;
        }
      }
      let token: string;
      if (ascii) {
        tokens++;
        const heads = this.heads.get(text.charCodeAt(start));
        if (!heads || !heads.some((head) => text!.startsWith(head, start))) continue;
        token = text.slice(start, i);
      } else {
        token = fold(text.slice(start, i));
        if (token === '') continue;
        tokens++;
      }
      if (this.relevant(token)) this.add(tf, token);
    }
    return { length: length ?? tokens, tf };
  }

  private add(tf: number[], token: string): void {
    const stemmed = stem(token);
    for (let t = 0; t < this.terms.length; t++) {
      const term = this.terms[t]!;
      if (term.prefix ? stemmed.startsWith(term.stems[0]!) : stemmed === term.stems[0]) tf[t]!++;
    }
  }
}

function stemHead(s: string): string {
  return s.slice(0, Math.max(1, s.length - 2));
}

/**
 * BM25 of a passage with its fields folded into one weighted term frequency (BM25 "flat" with
 * field weights), length = title + passage tokens. `terms` are in the counter's order.
 */
export function scoreFields(
  terms: readonly WeightedTerm[],
  fields: PassageFields,
  stats: CorpusStats,
  extraLength = 0,
): number {
  const length = fields.title.length + fields.head.length + fields.body.length + extraLength;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / Math.max(1, stats.averageLength));
  let score = 0;
  for (let i = 0; i < terms.length; i++) {
    const frequency =
      FIELD_WEIGHTS.title * fields.title.tf[i]! +
      FIELD_WEIGHTS.head * fields.head.tf[i]! +
      FIELD_WEIGHTS.body * fields.body.tf[i]! +
      FIELD_WEIGHTS.speakers * fields.speakers.tf[i]!;
    if (frequency > 0) score += (terms[i]!.idf * frequency * (BM25_K1 + 1)) / (frequency + norm);
  }
  return score;
}

const TOKEN_SPAN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

/**
 * At most `size` tokens of the text around its densest run of matches, the matches wrapped in
 * «« »», with … where the text was cut.
 */
export function highlight(text: string, terms: readonly RankTerm[], size: number): string {
  const spans: { start: number; end: number; stem: string }[] = [];
  for (const match of text.matchAll(TOKEN_SPAN)) {
    const word = fold(match[0]);
    if (word === '') continue;
    spans.push({ start: match.index, end: match.index + match[0].length, stem: stem(word) });
  }
  const stems = spans.map((span) => span.stem);
  const marked = new Uint8Array(spans.length);
  for (const term of terms) {
    for (let i = 0; i < stems.length; i++) {
      if (matchesAt(term, stems, i)) marked.fill(1, i, i + term.stems.length);
    }
  }
  let from = 0;
  if (spans.length > size) {
    // The window of `size` tokens holding the most matches (the earliest on a tie).
    let best = -1;
    let inWindow = 0;
    for (let i = 0; i < spans.length; i++) {
      inWindow += marked[i]!;
      if (i >= size) inWindow -= marked[i - size]!;
      if (i >= size - 1 && inWindow > best) {
        best = inWindow;
        from = i - size + 1;
      }
    }
    // Start a little before the first match of the window, for context.
    const first = marked.indexOf(1, from);
    if (first > from + 3) from = Math.max(0, Math.min(first - 3, spans.length - size));
  }
  const to = Math.min(spans.length, from + size);
  let out = from > 0 ? '…' : '';
  let cursor = from > 0 ? spans[from]!.start : 0;
  for (let i = from; i < to; i++) {
    const span = spans[i]!;
    if (!marked[i]) continue;
    // Each word on its own, as FTS5's snippet() marks them.
    out += `${text.slice(cursor, span.start)}««${text.slice(span.start, span.end)}»»`;
    cursor = span.end;
  }
  out += to < spans.length ? `${text.slice(cursor, spans[to - 1]!.end)}…` : text.slice(cursor);
  return out;
}
