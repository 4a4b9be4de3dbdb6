/**
 * From a query tree to SQL for the SQLite archive. Every user value is a bound parameter; FTS5
 * expressions come from `fts5-compile`, which quotes every word.
 *
 * Semantics (document level): `Kissinger Dobrynin` finds documents where each word occurs in
 * some passage, not necessarily the same one; a phrase must sit inside one passage; `-France`
 * drops documents with France anywhere. A `speaker:` filter at the top level narrows the
 * passages the words must occur in (`speaker:Gromyko Berlin`: Gromyko talking about Berlin);
 * inside OR or NOT it is a document test ("has a passage spoken by Gromyko").
 *
 * Ranking: passages matching any positive word or phrase are scored by bm25 and grouped by
 * document. When every matching document must contain such a passage, those passages drive the
 * search ("driven"); otherwise (filters only, or `word OR type:memcon`) documents are scanned
 * through the filters.
 */
import type { QueryNode } from '../../search/ast.js';
import { joinExpressions, leafExpression, speakerNameExpression } from '../../search/fts5-compile.js';
import { dateBounds, normalizeFilterValue } from '../../search/filter-values.js';
import { STOP_WORDS } from '../../search/rank.js';
import { EARLIEST_OVERLAPPING_START_SQL } from './date-span.js';
import { PASSAGES_PER_DOCUMENT } from './keys.js';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface QueryPlan {
  /** FTS5 expression whose matching passages are ranked and shown; null for filters only. */
  rank: string | null;
  /** A further condition on those passages' `rowid` (speakers given by person id). */
  passageScope: SqlFragment | null;
  /** True when the ranked passages hold every matching document. */
  driven: boolean;
  /** The document-level condition, on `documents` aliased `d`. */
  where: SqlFragment;
  /**
   * `where` split for large archives (driven plans): `filter` holds the conjuncts that need no
   * full-text look-up (type, dates, persons…), `checks` those that do (words that must occur
   * somewhere in the document), in the form a caller picks (see TextMode). For plans that are
   * not driven, `filter` is `where` and `checks` is `1`.
   */
  filter: SqlFragment;
  checks: (mode: TextMode) => SqlFragment;
  /** The FTS5 expression top-level `speaker:` names add to every ranked passage, or null. */
  speakerFts: string | null;
  /** The positive words and phrases, for ranking and highlighting. */
  leaves: Leaf[];
}

/**
 * How a document-level word test is written. `in`: `d.key IN (every document with the word)`,
 * which reads the word's whole posting list once per statement (cheap for rare words and for
 * scanning many documents). `each`: one bounded look-up inside the document's key range per
 * document tested (cheap for testing a few documents against common words). A key window
 * (`{ from, to }`, passage keys): `IN`, reading only the postings inside the window.
 */
export type TextMode = 'in' | 'each' | { from: bigint; to: bigint };

/** `p_KHA1`, or collection-qualified `frus1969-76v12/p_KHA1`. */
const PERSON_ID = /^(?:([^\s/]+)\/)?(p_[\p{L}\p{N}_.-]+)$/u;

const TRUE: SqlFragment = { sql: '1', params: [] };
const FALSE: SqlFragment = { sql: '0', params: [] };

export type Leaf = Extract<QueryNode, { type: 'term' | 'phrase' }>;
type Filter = Extract<QueryNode, { type: 'filter' }>;

interface Scope {
  /** FTS5 expression every counted passage must also match (speaker names), or null. */
  fts: string | null;
  sql: SqlFragment | null;
}

export function planQuery(input: QueryNode): QueryPlan {
  const query = withoutStopWords(input);
  const top = query.type === 'and' ? query.children : [query];
  const speakers = top.filter((node): node is Filter => node.type === 'filter' && node.field === 'speaker');
  const rest = top.filter((node) => !(node.type === 'filter' && node.field === 'speaker'));
  const scope = speakerScope(speakers);
  const positives = unique(
    positiveLeaves(rest)
      .map(leafExpression)
      .filter((e): e is string => e !== null),
  );
  const text = positives.length > 0 ? joinExpressions('OR', positives) : null;
  const rank = text && scope.fts ? joinExpressions('AND', [text, scope.fts]) : (text ?? scope.fts);
  const driven = rank !== null && (rest.some(requiresText) || (positives.length === 0 && scope.fts !== null));

  const leaves = positiveLeaves(rest).filter((leaf) => leafExpression(leaf) !== null);
  if (!driven) {
    const where = compileAnd(top, { fts: null, sql: null }, null, 'in', true);
    const checks = () => TRUE;
    return {
      rank,
      passageScope: scope.sql,
      driven,
      where,
      filter: where,
      checks,
      speakerFts: scope.fts,
      leaves,
    };
  }
  // The ranked passages already guarantee a pure disjunction of words: skip re-testing it.
  const textual = rest.filter(hasText);
  const covered = textual.length === 1 && isPureDisjunction(textual[0]!) ? textual[0]! : null;
  const conjuncts = rest.filter((node) => node !== covered);
  const searched = conjuncts.filter(needsIndex);
  return {
    rank,
    passageScope: scope.sql,
    driven,
    where: compileAnd(conjuncts, scope, null, 'in'),
    filter: compileAnd(
      conjuncts.filter((node) => !needsIndex(node)),
      scope,
      null,
      'in',
    ),
    checks: (mode) => compileAnd(searched, scope, null, mode),
    speakerFts: scope.fts,
    leaves,
  };
}

/** Whether testing the node needs the full-text index (a word, a phrase, a speaker's name). */
function needsIndex(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return true;
    case 'filter':
      return node.field === 'speaker' && !PERSON_ID.test(normalizeFilterValue('speaker', node.value));
    case 'and':
    case 'or':
      return node.children.some(needsIndex);
    case 'not':
      return needsIndex(node.child);
    default:
      return false;
  }
}

/**
 * The query without stop words (`the`, `of`, `is`…) when it has other words to search for:
 * they match nearly every passage, which makes them the costliest words to match and rank at
 * scale, and they barely move the ranking. In phrases, prefixes and negations they stay.
 */
function withoutStopWords(query: QueryNode): QueryNode {
  const isStop = (node: QueryNode) =>
    node.type === 'term' && !node.prefix && STOP_WORDS.has(node.value.toLowerCase());
  let content = false;
  const visit = (node: QueryNode): void => {
    if ((node.type === 'term' && !isStop(node)) || node.type === 'phrase') content = true;
    else if (node.type === 'and' || node.type === 'or') node.children.forEach(visit);
  };
  visit(query);
  if (!content) return query;
  const prune = (node: QueryNode): QueryNode | null => {
    if (isStop(node)) return null;
    if (node.type !== 'and' && node.type !== 'or') return node;
    const children = node.children.map(prune).filter((child): child is QueryNode => child !== null);
    // `(the OR a) Berlin`: a group of stop words alone constrains nothing.
    if (children.length === 0) return null;
    return children.length === 1 ? children[0]! : { type: node.type, children };
  };
  return prune(query) ?? { type: 'all' };
}

/**
 * `walkDates`: the statement walks the date index (filters only, see SqliteSearch.filteredPage),
 * so date filters add a lower bound on the start that lets the walk begin near the range. A
 * statement driven by the full-text index must not get it: a range closed at both ends makes
 * SQLite walk the dates first and run the text match once per document (2 s instead of 60 ms
 * for `date:1969..1970 SALT` at 1,000,000 documents).
 */
function compileAnd(
  nodes: readonly QueryNode[],
  scope: Scope,
  covered: QueryNode | null,
  mode: TextMode,
  walkDates = false,
): SqlFragment {
  const parts = nodes.filter((node) => node !== covered).map((node) => compile(node, scope, mode, walkDates));
  return combine('AND', parts);
}

function compile(node: QueryNode, scope: Scope, mode: TextMode, walkDates: boolean): SqlFragment {
  switch (node.type) {
    case 'all':
      return TRUE;
    case 'term':
    case 'phrase':
      return textCondition(node, scope, mode);
    case 'and':
      return combine(
        'AND',
        node.children.map((child) => compile(child, scope, mode, walkDates)),
      );
    case 'or':
      return combine(
        'OR',
        node.children.map((child) => compile(child, scope, mode, walkDates)),
      );
    case 'not': {
      const inner = compile(node.child, scope, mode, walkDates);
      return { sql: `NOT (${inner.sql})`, params: inner.params };
    }
    case 'filter':
      return filterCondition(node, mode, walkDates);
  }
}

function combine(operator: 'AND' | 'OR', parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return operator === 'AND' ? TRUE : FALSE;
  if (parts.length === 1) return parts[0]!;
  return {
    sql: parts.map((part) => `(${part.sql})`).join(` ${operator} `),
    params: parts.flatMap((part) => part.params),
  };
}

/** Documents with a passage (within the speaker scope) matching the word or phrase. */
function textCondition(leaf: Leaf, scope: Scope, mode: TextMode): SqlFragment {
  const expression = leafExpression(leaf);
  if (expression === null) return FALSE;
  const match = scope.fts ? joinExpressions('AND', [expression, scope.fts]) : expression;
  return documentsMatching(match, scope.sql, mode);
}

/**
 * The condition "the document has a passage matching the FTS5 expression". FTS5 narrows to a
 * key range only when the bounds are integers (a bound JavaScript number arrives as a float
 * and is ignored): the window's bounds are BigInts, the per-document range is computed in SQL.
 */
export function documentsMatching(match: string, extra: SqlFragment | null, mode: TextMode): SqlFragment {
  const more = extra ? ` AND ${extra.sql}` : '';
  const moreParams = extra?.params ?? [];
  if (mode === 'each') {
    return {
      sql:
        'EXISTS (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? ' +
        `AND rowid BETWEEN d.key * ${PASSAGES_PER_DOCUMENT} AND d.key * ${PASSAGES_PER_DOCUMENT} + ${PASSAGES_PER_DOCUMENT - 1}${more})`,
      params: [match, ...moreParams],
    };
  }
  if (mode === 'in') {
    return {
      sql: `d.key IN (SELECT rowid >> 20 FROM passages_fts WHERE passages_fts MATCH ?${more})`,
      params: [match, ...moreParams],
    };
  }
  return {
    sql: `d.key IN (SELECT rowid >> 20 FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?${more})`,
    params: [match, mode.from, mode.to, ...moreParams],
  };
}

function filterCondition(filter: Filter, mode: TextMode, walkDates: boolean): SqlFragment {
  const value = normalizeFilterValue(filter.field, filter.value);
  switch (filter.field) {
    case 'type':
      return { sql: 'd.type = ?', params: [value] };
    case 'class':
      return { sql: 'd.class_level = ?', params: [value] };
    case 'caveat':
      return { sql: "d.caveats LIKE ? ESCAPE '\\'", params: [`%|${escapeLike(value)}|%`] };
    case 'collection':
      return value.endsWith('*')
        ? { sql: "d.collection_id LIKE ? ESCAPE '\\'", params: [`${escapeLike(value.slice(0, -1))}%`] }
        : { sql: 'd.collection_id = ?', params: [value] };
    case 'date': {
      const { from, until } = dateBounds(value);
      // Interval overlap: the document may date from any moment between its start and end.
      const parts: SqlFragment[] = [];
      if (from) parts.push({ sql: 'd.date_end >= ?', params: [from] });
      // Implied by the overlap, so redundant, but it lets a walk of the date index start near
      // FROM instead of at the earliest document (see date-span.ts).
      if (from && walkDates)
        parts.push({ sql: `d.date_start >= ${EARLIEST_OVERLAPPING_START_SQL}`, params: [from] });
      if (until) parts.push({ sql: 'd.date_start < ?', params: [until] });
      return combine('AND', parts);
    }
    case 'person':
      return personCondition(value);
    case 'speaker':
      return speakerDocumentCondition(value, mode);
  }
}

/** Documents that name the person as participant, party, sender or addressee, or mention them. */
function personCondition(value: string): SqlFragment {
  const id = PERSON_ID.exec(value);
  if (id) {
    const [, collection, localId] = id;
    const condition: SqlFragment = {
      sql: `d.key IN (SELECT doc FROM mentions WHERE person = ? UNION ALL ${participantDocuments('n.person = ?')})`,
      params: [localId, localId],
    };
    return collection
      ? combine('AND', [condition, { sql: 'd.collection_id = ?', params: [collection] }])
      : condition;
  }
  const personName = nameLike('p.name', value);
  const participantName = nameLike('n.name', value);
  const participantLabel = nameLike('n.label', value);
  if (!personName) return FALSE;
  // Both halves start from the few names that match (CROSS JOIN keeps persons first), then
  // follow an index to the documents: never a scan of every mention or participant row.
  return {
    sql:
      'd.key IN (SELECT m.doc FROM persons p CROSS JOIN mentions m ON m.person = p.local_id ' +
      'JOIN documents dm ON dm.key = m.doc AND dm.collection_id = p.collection_id ' +
      `WHERE ${personName.sql} UNION ALL ` +
      `${participantDocuments(`(${participantName!.sql}) OR (${participantLabel!.sql})`)})`,
    params: [...personName.params, ...participantName!.params, ...participantLabel!.params],
  };
}

/**
 * The documents of the participant names (`participant_names n`) meeting `condition`: the names
 * first, then the covering `(name_id, doc)` index, never every participant row.
 */
function participantDocuments(condition: string): string {
  return (
    'SELECT pa.doc FROM participants pa WHERE pa.name_id IN ' +
    `(SELECT n.id FROM participant_names n WHERE ${condition})`
  );
}

function speakerDocumentCondition(value: string, mode: TextMode): SqlFragment {
  const id = PERSON_ID.exec(value);
  if (id) {
    const [, collection, localId] = id;
    const condition: SqlFragment = {
      sql: 'd.key IN (SELECT passage >> 20 FROM passage_speakers WHERE person = ?)',
      params: [localId],
    };
    return collection
      ? combine('AND', [condition, { sql: 'd.collection_id = ?', params: [collection] }])
      : condition;
  }
  const expression = speakerNameExpression(value);
  if (!expression) return FALSE;
  return documentsMatching(expression, null, mode);
}

/** The passages top-level `speaker:` filters allow: names through the index, ids through the table. */
function speakerScope(filters: readonly Filter[]): Scope {
  const names: string[] = [];
  const ids: SqlFragment[] = [];
  for (const filter of filters) {
    const value = normalizeFilterValue('speaker', filter.value);
    const id = PERSON_ID.exec(value);
    if (id) {
      ids.push({
        sql: 'rowid IN (SELECT passage FROM passage_speakers WHERE person = ?)',
        params: [id[2]],
      });
    } else {
      // A name with nothing to match can match no passage.
      names.push(speakerNameExpression(value) ?? '"" AND ""');
    }
  }
  return {
    fts: names.length > 0 ? joinExpressions('AND', names) : null,
    sql: ids.length > 0 ? combine('AND', ids) : null,
  };
}

/** `name LIKE %word%` for every word of the value, so "Henry Kissinger" finds "Kissinger, Henry A.". */
function nameLike(column: string, value: string): SqlFragment | null {
  const words = value.match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return {
    sql: words.map(() => `${column} LIKE ? ESCAPE '\\'`).join(' AND '),
    params: words.map((word) => `%${escapeLike(word)}%`),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Words and phrases that count for a match: under an even number of NOTs. */
function positiveLeaves(nodes: readonly QueryNode[]): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (node: QueryNode, negated: boolean) => {
    if (node.type === 'term' || node.type === 'phrase') {
      if (!negated) leaves.push(node);
    } else if (node.type === 'and' || node.type === 'or') {
      for (const child of node.children) visit(child, negated);
    } else if (node.type === 'not') {
      visit(node.child, !negated);
    }
  };
  for (const node of nodes) visit(node, false);
  return leaves;
}

/** Whether every document matching the node must contain one of its positive words or phrases. */
function requiresText(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return leafExpression(node) !== null;
    case 'and':
      return node.children.some(requiresText);
    case 'or':
      return node.children.every(requiresText);
    default:
      return false;
  }
}

function hasText(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return true;
    case 'and':
    case 'or':
      return node.children.some(hasText);
    case 'not':
      return hasText(node.child);
    default:
      return false;
  }
}

/** A word, a phrase, or an OR of them: exactly the passages the rank expression matches. */
function isPureDisjunction(node: QueryNode): boolean {
  if (node.type === 'term' || node.type === 'phrase') return leafExpression(node) !== null;
  return node.type === 'or' && node.children.every(isPureDisjunction);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
