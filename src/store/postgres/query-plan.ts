/**
 * From a query tree to SQL for the PostgreSQL archive, with the same document-level semantics
 * as the SQLite archive (see src/store/sqlite/query-plan.ts): words match anywhere in a
 * document, a phrase inside one passage, `-word` drops documents; a top-level `speaker:` narrows
 * the passages the words must occur in. Every value is a bound parameter; tsquery text comes
 * from `tsquery.ts`.
 *
 * A word PostgreSQL does not index (an English stop word such as "the", or punctuation) is left
 * out of the query, as a web search engine would; a query left with nothing matches nothing.
 */
import type { QueryNode } from '../../search/ast.js';
import { dateBounds, normalizeFilterValue } from '../../search/filter-values.js';
import { combine, type Leaf, type Resolved } from './tsquery.js';

/** SQL with its own positional parameters, numbered from $1. */
export interface Fragment {
  sql: string;
  params: unknown[];
}

/** Positional parameters of one statement: `add(value)` returns `$n`. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds a fragment's parameters after these and returns its SQL renumbered to match. */
  bind(fragment: Fragment): string {
    const offset = this.values.length;
    this.values.push(...fragment.params);
    // Our SQL holds no dollar-quoted strings: every $n is a parameter.
    return fragment.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  }
}

export interface QueryPlan {
  /** tsquery text whose matching passages are ranked and shown; null for filters only. */
  rank: string | null;
  /** tsquery text of the words alone (no speaker restriction), for highlighting. */
  highlight: string | null;
  /** A further condition on passages `p` (speakers given by person id), or null. */
  passageScope: Fragment | null;
  /** True when the ranked passages hold every matching document. */
  driven: boolean;
  /** The document-level condition, on `documents` aliased `d`. */
  where: Fragment;
  /**
   * Driven plans only: the rest of the document-level condition, on `d` and on flags `s.f0`,
   * `s.f1` … that say whether any ranked passage of the document matches `flags[i]`. Every
   * passage a word (not under NOT) can match is a ranked passage, so that is the same as asking
   * the index again, without reading those passages twice.
   */
  having: Fragment | null;
  /** tsquery text of each flag in `having`. */
  flags: string[];
}

/** `p_KHA1`, or collection-qualified `frus1969-76v12/p_KHA1`. */
const PERSON_ID = /^(?:([^\s/]+)\/)?(p_[\p{L}\p{N}_.-]+)$/u;

type Filter = Extract<QueryNode, { type: 'filter' }>;

interface Scope {
  /** tsquery every counted passage must also match (speaker names), or ''. */
  ts: string;
  sql: Fragment | null;
}

/** Leaves and speaker names the plan needs resolved by PostgreSQL. */
export function textsOf(query: QueryNode): { leaves: Leaf[]; speakerNames: string[] } {
  const leaves: Leaf[] = [];
  const speakerNames: string[] = [];
  const visit = (node: QueryNode) => {
    if (node.type === 'term' || node.type === 'phrase') leaves.push(node);
    else if (node.type === 'and' || node.type === 'or') node.children.forEach(visit);
    else if (node.type === 'not') visit(node.child);
    else if (node.type === 'filter' && node.field === 'speaker') {
      const value = normalizeFilterValue('speaker', node.value);
      if (!PERSON_ID.test(value)) speakerNames.push(value);
    }
  };
  visit(query);
  return { leaves, speakerNames };
}

export function planQuery(query: QueryNode, resolved: Resolved): QueryPlan {
  const pruned = prune(query, resolved);
  if (pruned === null) {
    return {
      rank: null,
      highlight: null,
      passageScope: null,
      driven: false,
      where: { sql: 'FALSE', params: [] },
      having: null,
      flags: [],
    };
  }
  const compile = (nodes: readonly QueryNode[], scope: Scope, flags: string[] | null = null): Fragment => {
    const params = new Params();
    return { sql: new Compiler(resolved, params, flags).and(nodes, scope), params: params.values };
  };
  const top = pruned.type === 'and' ? pruned.children : [pruned];
  const speakers = top.filter((node): node is Filter => node.type === 'filter' && node.field === 'speaker');
  const rest = top.filter((node) => !(node.type === 'filter' && node.field === 'speaker'));
  const scope = speakerScope(speakers, resolved);
  const positives = positiveLeaves(rest).map((leaf) => resolved.leaf(leaf));
  const text = combine('|', positives);
  const rank = text && scope.ts ? combine('&', [text, scope.ts]) : text || scope.ts;
  const driven = rank !== '' && (rest.some(requiresText) || (text === '' && scope.ts !== ''));
  const base = { rank: rank || null, highlight: text || null, passageScope: scope.sql };
  if (!driven) {
    return { ...base, driven, where: compile(top, { ts: '', sql: null }), having: null, flags: [] };
  }
  // The ranked passages already guarantee a pure disjunction of words: skip re-testing it.
  const positive = rest.filter((node) => positiveLeaves([node]).length > 0);
  const covered = positive.length === 1 && isPureDisjunction(positive[0]!) ? positive[0]! : null;
  // Conditions without words to find are checked on each ranked passage's document; those
  // with words, once per document from the flags.
  const flags: string[] = [];
  const having = compile(
    positive.filter((node) => node !== covered),
    scope,
    flags,
  );
  return {
    ...base,
    driven,
    where: compile(
      rest.filter((node) => !positive.includes(node)),
      scope,
    ),
    having: having.sql === 'TRUE' ? null : having,
    flags,
  };
}

class Compiler {
  /** `flags`: where words not under NOT become flags (see `QueryPlan.having`); null for none. */
  constructor(
    private readonly resolved: Resolved,
    private readonly params: Params,
    private readonly flags: string[] | null = null,
  ) {}

  and(nodes: readonly QueryNode[], scope: Scope): string {
    return join(
      'AND',
      nodes.map((node) => this.compile(node, scope, false)),
    );
  }

  compile(node: QueryNode, scope: Scope, negated: boolean): string {
    switch (node.type) {
      case 'all':
        return 'TRUE';
      case 'term':
      case 'phrase':
        return this.text(node, scope, negated);
      case 'and':
        return join(
          'AND',
          node.children.map((child) => this.compile(child, scope, negated)),
        );
      case 'or':
        return join(
          'OR',
          node.children.map((child) => this.compile(child, scope, negated)),
        );
      case 'not':
        return `NOT (${this.compile(node.child, scope, !negated)})`;
      case 'filter':
        return this.filter(node);
    }
  }

  /** Documents with a passage (within the speaker scope) matching the word or phrase. */
  private text(leaf: Leaf, scope: Scope, negated: boolean): string {
    const query = combine('&', [this.resolved.leaf(leaf), scope.ts]);
    if (this.flags && !negated) {
      const known = this.flags.indexOf(query);
      return `s.f${known >= 0 ? known : this.flags.push(query) - 1}`;
    }
    const extra = scope.sql ? ` AND ${this.params.bind(scope.sql)}` : '';
    return `d.key IN (SELECT p.doc FROM passages p WHERE p.tsv @@ ${this.params.add(query)}::tsquery${extra})`;
  }

  private filter(filter: Filter): string {
    const value = normalizeFilterValue(filter.field, filter.value);
    const $ = (v: unknown) => this.params.add(v);
    switch (filter.field) {
      case 'type':
        return `d.type = ${$(value)}`;
      case 'class':
        return `d.class_level = ${$(value)}`;
      case 'caveat':
        return `${$(value)} = ANY (d.caveats)`;
      case 'collection':
        return value.endsWith('*')
          ? `d.collection_id LIKE ${$(`${escapeLike(value.slice(0, -1))}%`)}`
          : `d.collection_id = ${$(value)}`;
      case 'date': {
        const { from, until } = dateBounds(value);
        // Interval overlap: the document may date from any moment between its start and end.
        const parts: string[] = [];
        if (from) parts.push(`d.date_end >= ${$(from)}`);
        if (until) parts.push(`d.date_start < ${$(until)}`);
        return join('AND', parts);
      }
      case 'person':
        return this.person(value);
      case 'speaker':
        return this.speakerDocuments(value);
    }
  }

  /** Documents that name the person as participant, party, sender or addressee, or mention them. */
  private person(value: string): string {
    const id = PERSON_ID.exec(value);
    if (id) {
      const [, collection, localId] = id;
      const local = this.params.add(localId);
      const condition = `d.key IN (SELECT doc FROM mentions WHERE person = ${local} UNION ALL SELECT doc FROM participants WHERE person = ${local})`;
      return collection ? `${condition} AND d.collection_id = ${this.params.add(collection)}` : condition;
    }
    const words = value.match(/[\p{L}\p{N}]+/gu);
    if (!words) return 'FALSE';
    const like = (column: string) =>
      words.map((word) => `${column} ILIKE ${this.params.add(`%${escapeLike(word)}%`)}`).join(' AND ');
    return (
      'd.key IN (SELECT m.doc FROM persons pe JOIN mentions m ON m.person = pe.local_id ' +
      'JOIN documents dm ON dm.key = m.doc AND dm.collection_id = pe.collection_id ' +
      `WHERE ${like('pe.name')} UNION ALL SELECT pa.doc FROM participants pa ` +
      `WHERE (${like('pa.name')}) OR (${like('pa.label')}))`
    );
  }

  private speakerDocuments(value: string): string {
    const id = PERSON_ID.exec(value);
    if (id) {
      const [, collection, localId] = id;
      const condition = `d.key IN (SELECT doc FROM passage_speakers WHERE person = ${this.params.add(localId)})`;
      return collection ? `${condition} AND d.collection_id = ${this.params.add(collection)}` : condition;
    }
    const query = this.resolved.speakerName(value);
    if (!query) return 'FALSE';
    return `d.key IN (SELECT p.doc FROM passages p WHERE p.tsv @@ ${this.params.add(query)}::tsquery)`;
  }
}

/** The passages top-level `speaker:` filters allow: names through the index, ids through the table. */
function speakerScope(filters: readonly Filter[], resolved: Resolved): Scope {
  const params = new Params();
  const names: string[] = [];
  const ids: string[] = [];
  for (const filter of filters) {
    const value = normalizeFilterValue('speaker', filter.value);
    const id = PERSON_ID.exec(value);
    if (id) {
      ids.push(
        `(p.doc, p.ordinal) IN (SELECT doc, ordinal FROM passage_speakers WHERE person = ${params.add(id[2])})`,
      );
    } else {
      const query = resolved.speakerName(value);
      // A name with nothing to match can match no passage.
      ids.push(query ? 'TRUE' : 'FALSE');
      if (query) names.push(query);
    }
  }
  const sql = ids.filter((part) => part !== 'TRUE');
  return {
    ts: combine('&', names),
    sql: sql.length > 0 ? { sql: join('AND', sql), params: params.values } : null,
  };
}

/**
 * The tree without words PostgreSQL does not index; null when nothing is left. A NOT around
 * nothing is dropped too (`-the` excludes nothing).
 */
function prune(node: QueryNode, resolved: Resolved): QueryNode | null {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return resolved.leaf(node) === '' ? null : node;
    case 'and':
    case 'or': {
      const children = node.children
        .map((child) => prune(child, resolved))
        .filter((c): c is QueryNode => c !== null);
      if (children.length === 0) return null;
      return children.length === 1 ? children[0]! : { type: node.type, children };
    }
    case 'not': {
      const child = prune(node.child, resolved);
      return child === null ? null : { type: 'not', child };
    }
    default:
      return node;
  }
}

function join(operator: 'AND' | 'OR', parts: readonly string[]): string {
  if (parts.length === 0) return operator === 'AND' ? 'TRUE' : 'FALSE';
  if (parts.length === 1) return parts[0]!;
  return parts.map((part) => `(${part})`).join(` ${operator} `);
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

/** Whether every document matching the node must contain one of its (indexed) words or phrases. */
function requiresText(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return true;
    case 'and':
      return node.children.some(requiresText);
    case 'or':
      return node.children.every(requiresText);
    default:
      return false;
  }
}

/** A word, a phrase, or an OR of them: exactly the passages the rank query matches. */
function isPureDisjunction(node: QueryNode): boolean {
  if (node.type === 'term' || node.type === 'phrase') return true;
  return node.type === 'or' && node.children.every(isPureDisjunction);
}
