/**
 * Query language v1: from what a historian types to a query tree.
 *
 *   Berlin access                 both words (implicit AND)
 *   "strategic arms"              a phrase
 *   Berlin OR Vienna              either; AND binds tighter than OR: `a b OR c` is `(a b) OR c`
 *   NATO -France, NATO NOT France without
 *   (Berlin OR Vienna) summit     grouping
 *   diplomat*                     prefix
 *   type:memcon  date:1969..1970-06  class:top-secret  caveat:nodis  collection:frus1969-76v12
 *   person:p_KHA1  person:Kissinger  speaker:Gromyko  person:"Henry Kissinger"
 *
 * The parser only builds a tree; engines compile it and quote every word themselves, so no
 * user text reaches an engine's own syntax. Anything malformed throws QuerySyntaxError with the
 * position where it broke. The grammar is LL(1) and the input length and nesting are capped, so
 * hostile input costs linear time.
 */
import type { FilterField, QueryNode } from './ast.js';
import { FILTER_FIELDS, FilterValueError, normalizeFilterValue } from './filter-values.js';

/** Longer input is refused: no one types it, and a pasted article belongs in a claim check. */
export const MAX_QUERY_LENGTH = 2000;
/** Parenthesis nesting beyond this is refused (it also bounds the parser's recursion). */
export const MAX_NESTING = 32;
/** Words, phrases and filters in one query. */
export const MAX_CLAUSES = 100;

export class QuerySyntaxError extends Error {
  /** 0-based character offset in the query where it broke. */
  readonly position: number;
  readonly query: string;
  /** The problem alone, without the query and caret. */
  readonly reason: string;

  constructor(reason: string, position: number, query: string) {
    const shown = query.length > 120 ? excerpt(query, position) : { text: query, caret: position };
    super(
      `query error at position ${position + 1}: ${reason}\n  ${shown.text}\n  ${' '.repeat(shown.caret)}^`,
    );
    this.name = 'QuerySyntaxError';
    this.position = position;
    this.query = query;
    this.reason = reason;
  }
}

function excerpt(query: string, position: number): { text: string; caret: number } {
  const start = Math.max(0, Math.min(position - 60, query.length - 120));
  const prefix = start > 0 ? '…' : '';
  const end = Math.min(query.length, start + 120);
  return {
    text: prefix + query.slice(start, end) + (end < query.length ? '…' : ''),
    caret: prefix.length + position - start,
  };
}

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; at: number }
  | { kind: 'word'; at: number; value: string; prefix: boolean }
  | { kind: 'phrase'; at: number; words: string[] }
  | { kind: 'filter'; at: number; field: FilterField; value: string };

/** Characters that end a bare word. */
const WORD_END = /[\s()"]/u;
const HAS_TEXT = /[\p{L}\p{N}]/u;
const TOP_SECRET = /^class:top\s+secret(?=[\s()"]|$)/iu;

/** Parses a query; blank input is `{ type: 'all' }` (everything, e.g. to browse by filters). */
export function parseQuery(input: string): QueryNode {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `the query is ${input.length} characters long; the limit is ${MAX_QUERY_LENGTH}. Shorten it, or check a long text as a claim instead.`,
      MAX_QUERY_LENGTH,
      input,
    );
  }
  const query = input.normalize('NFC');
  const tokens = tokenize(query);
  if (tokens.length === 0) {
    if (query.trim() === '') return { type: 'all' };
    throw new QuerySyntaxError('the query has no letters or digits to search for.', 0, query);
  }
  return new Parser(tokens, query).parse();
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (reason: string, at: number): never => {
    throw new QuerySyntaxError(reason, at, query);
  };
  while (i < query.length) {
    const char = query[i]!;
    if (/\s/u.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'lparen' : 'rparen', at: i });
      i++;
    } else if (char === '"') {
      const { text, next } = readQuoted(query, i, fail);
      const words = phraseWords(text);
      if (words.length > 0) tokens.push({ kind: 'phrase', at: i, words });
      i = next;
    } else if (char === '-' && i + 1 < query.length && !/[\s)]/u.test(query[i + 1]!)) {
      // `-word`, `-"phrase"`, `-(group)`, `-type:memcon`: a minus means NOT only at a word's start.
      tokens.push({ kind: 'minus', at: i });
      i++;
    } else if (TOP_SECRET.test(query.slice(i, i + 40))) {
      // `class:top secret` typed without quotes means the level, not the word "secret".
      const match = TOP_SECRET.exec(query.slice(i, i + 40))!;
      tokens.push({ kind: 'filter', at: i, field: 'class', value: 'TOP SECRET' });
      i += match[0].length;
    } else {
      const start = i;
      while (i < query.length && !WORD_END.test(query[i]!)) i++;
      const word = query.slice(start, i);
      const token = wordToken(word, start, fail);
      if (token?.kind === 'filter' && token.value === '' && query[i] === '"') {
        const { text, next } = readQuoted(query, i, fail);
        tokens.push(filterToken(token.field, text, start, fail));
        i = next;
      } else if (token?.kind === 'filter' && token.value === '') {
        fail(`${token.field}: needs a value right after the colon, e.g. ${token.field}:value.`, i);
      } else if (token) {
        tokens.push(token);
      }
    }
    if (tokens.length > MAX_CLAUSES * 3)
      fail(`the query has too many parts; the limit is ${MAX_CLAUSES} words and filters.`, i);
  }
  return tokens;
}

function readQuoted(
  query: string,
  open: number,
  fail: (reason: string, at: number) => never,
): { text: string; next: number } {
  const close = query.indexOf('"', open + 1);
  if (close < 0) fail('this quote is never closed; add the closing ".', open);
  return { text: query.slice(open + 1, close), next: close + 1 };
}

/** The words of a quoted phrase: runs of letters and digits, as the index sees them. */
function phraseWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function wordToken(word: string, at: number, fail: (reason: string, at: number) => never): Token | null {
  if (word === 'AND') return { kind: 'and', at };
  if (word === 'OR') return { kind: 'or', at };
  if (word === 'NOT') return { kind: 'not', at };
  const colon = word.indexOf(':');
  if (colon > 0 && /^[A-Za-z]+$/.test(word.slice(0, colon))) {
    const name = word.slice(0, colon).toLowerCase();
    const field = FILTER_FIELDS.find((candidate) => candidate === name);
    if (!field) {
      fail(
        `"${word.slice(0, colon)}:" is not a filter; filters are ${FILTER_FIELDS.map((f) => `${f}:`).join(' ')}. ` +
          'To search for the text itself, put it in quotes.',
        at,
      );
    }
    const value = word.slice(colon + 1);
    if (value === '') return { kind: 'filter', at, field: field!, value: '' };
    return filterToken(field!, value, at, fail);
  }
  const star = word.indexOf('*');
  if (star >= 0 && star !== word.length - 1)
    fail('* only works at the end of a word, as in diplomat*.', at + star);
  const prefix = star === word.length - 1;
  const value = prefix ? word.slice(0, -1) : word;
  if (!HAS_TEXT.test(value)) {
    if (prefix) fail('* needs letters before it, as in diplomat*.', at + star);
    return null; // Punctuation alone ("—", "^", ":") carries nothing to search for.
  }
  return { kind: 'word', at, value, prefix };
}

function filterToken(
  field: FilterField,
  raw: string,
  at: number,
  fail: (reason: string, at: number) => never,
): Token {
  try {
    return { kind: 'filter', at, field, value: normalizeFilterValue(field, raw) };
  } catch (error) {
    if (error instanceof FilterValueError) fail(error.message, at);
    throw error;
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private clauses = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly query: string,
  ) {}

  parse(): QueryNode {
    const node = this.parseOr();
    const extra = this.peek();
    if (extra) {
      if (extra.kind === 'rparen') this.fail('this ) has no matching (.', extra.at);
      this.fail('unexpected text here.', extra.at);
    }
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.kind === 'or') {
      const or = this.next();
      if (!this.startsClause()) this.fail('OR needs something to search for on both sides.', or.at);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (token?.kind === 'and') {
        this.next();
        if (!this.startsClause()) this.fail('AND needs something to search for on both sides.', token.at);
        children.push(this.parseUnary());
      } else if (this.startsClause()) {
        children.push(this.parseUnary());
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind === 'not' || token?.kind === 'minus') {
      this.next();
      if (!this.startsClause() || this.peek()?.kind === 'not' || this.peek()?.kind === 'minus') {
        this.fail(
          `${token.kind === 'not' ? 'NOT' : '-'} must be followed by a word, phrase, filter or (group).`,
          token.at,
        );
      }
      return { type: 'not', child: this.parsePrimary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (!token) return this.fail('the query ends where a word was expected.', this.query.length);
    if (token.kind === 'lparen') {
      this.next();
      if (++this.depth > MAX_NESTING)
        this.fail(`parentheses nest deeper than ${MAX_NESTING} levels.`, token.at);
      if (this.peek()?.kind === 'rparen') this.fail('these parentheses are empty.', token.at);
      if (!this.peek()) this.fail('this ( is never closed; add a ).', token.at);
      const inner = this.parseOr();
      const close = this.peek();
      if (close?.kind !== 'rparen') this.fail('this ( is never closed; add a ).', token.at);
      this.next();
      this.depth--;
      return inner;
    }
    if (++this.clauses > MAX_CLAUSES)
      this.fail(`the query has more than ${MAX_CLAUSES} words, phrases and filters.`, token.at);
    this.next();
    switch (token.kind) {
      case 'word':
        return { type: 'term', value: token.value, prefix: token.prefix };
      case 'phrase':
        return token.words.length === 1
          ? { type: 'term', value: token.words[0]!, prefix: false }
          : { type: 'phrase', words: token.words };
      case 'filter':
        return { type: 'filter', field: token.field, value: token.value };
      case 'rparen':
        return this.fail('this ) has no matching (.', token.at);
      default:
        return this.fail(`${token.kind.toUpperCase()} needs something to search for before it.`, token.at);
    }
  }

  private startsClause(): boolean {
    const kind = this.peek()?.kind;
    return (
      kind === 'word' ||
      kind === 'phrase' ||
      kind === 'filter' ||
      kind === 'lparen' ||
      kind === 'not' ||
      kind === 'minus'
    );
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private fail(reason: string, at: number): never {
    throw new QuerySyntaxError(reason, at, this.query);
  }
}
