/**
 * Search over the SQLite archive: bm25 over passages with column weights, passages grouped by
 * document, FTS5 snippets cut inside one passage, facet counts over every match.
 */
import type { Classification, DocumentType, PassageKind, SpeakerSpan } from '../../records/schema.js';
import type {
  DocumentHit,
  FacetCount,
  PassageHit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../../search/types.js';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';
import { PASSAGES_PER_DOCUMENT, passageRange } from './keys.js';
import { planQuery, type QueryPlan, type SqlFragment } from './query-plan.js';
import {
  highlight,
  inverseDocumentFrequency,
  rankTerm,
  scoreFields,
  TermCounter,
  type CorpusStats,
  type RankTerm,
  type WeightedTerm,
} from '../../search/rank.js';
import { documentVisibility } from './visibility.js';

/**
 * bm25 weights of the FTS5 columns head (titles, headings), body and speakers (the names of
 * who speaks a passage, so `Gromyko` also finds what Gromyko said).
 */
export const COLUMN_WEIGHTS = { head: 2.0, body: 1.0, speakers: 0.5 } as const;
/** A document's score: its best passage, plus this share of the other matching passages' scores. */
export const OTHER_PASSAGES_SHARE = 0.5;
/** Best passages shown per document. */
export const PASSAGES_PER_HIT = 3;
/** Tokens in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 40;
const FACET_VALUES = 50;
/** Documents re-ranked beyond those asked for: candidates the first stage ranked just below. */
const RERANK_MARGIN = 30;
/** First-stage passages fetched per document re-ranked. */
const CANDIDATE_PASSAGES_PER_DOCUMENT = 2;
const MAX_LIMIT = 1000;

const BM25 = `bm25(passages_fts, ${COLUMN_WEIGHTS.head}, ${COLUMN_WEIGHTS.body}, ${COLUMN_WEIGHTS.speakers})`;

interface MatchRow {
  doc: number;
  best: number;
  total: number;
  date: string | null;
  id: string;
}

interface DocumentRow {
  id: string;
  collection_id: string;
  title: string;
  type: DocumentType;
  date_start: string | null;
  classification: string;
}

interface PassageMatchRow {
  key: number;
  score: number;
  head_snippet: string | null;
  body_snippet: string | null;
  kind: PassageKind;
  is_head: number;
  meta: string | null;
}

interface CandidateRow {
  key: number;
  /** FTS5's token counts of the row's columns, as varints. */
  sz: Buffer | null;
  kind: PassageKind;
  head: string | null;
  body: string | null;
  speakers: string | null;
  meta: string | null;
}

interface RankedPassage {
  key: number;
  kind: PassageKind;
  meta: string | null;
  score: number;
  /** The score without the document title's share. */
  own: number;
  snippet: () => string;
}

interface RankedDocument {
  key: number;
  score: number;
  passages: RankedPassage[];
}

interface PassageRow {
  key: number;
  kind: PassageKind;
  head: string | null;
  body: string | null;
  meta: string | null;
}

export class SqliteSearch {
  private readonly statements = new Map<string, Statement<unknown[]>>();
  private readonly frequencies = new Map<string, number>();
  private stats: { rows: number; stats: CorpusStats } | null = null;
  private vocabulary = false;

  constructor(private readonly db: SqliteDatabase) {}

  search(request: SearchRequest): SearchResponse {
    const started = performance.now();
    const plan = withVisibility(planQuery(request.query), documentVisibility(request.viewer));
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit ?? 10)));
    const offset = Math.max(0, Math.floor(request.offset ?? 0));
    const sort = request.sort ?? 'relevance';

    let total: number;
    let page: { key: number; score: number }[];
    let matched: SqlFragment;
    let ranked: Map<number, RankedDocument> | null = null;
    if (plan.driven && sort === 'relevance') {
      // Candidates from the index, re-ranked by the shared BM25 (see search/rank.ts).
      const result = this.rerankedDocuments(plan, offset + limit);
      ranked = new Map(result.documents.map((document) => [document.key, document]));
      total = result.total;
      page = result.documents
        .slice(offset, offset + limit)
        .map((document) => ({ key: document.key, score: document.score }));
      matched = this.matchedDocuments(plan);
    } else if (plan.driven) {
      const rows = this.rankedDocuments(plan);
      sortMatches(rows, sort);
      total = rows.length;
      page = rows.slice(offset, offset + limit).map((row) => ({ key: row.doc, score: documentScore(row) }));
      matched = {
        sql: 'SELECT value AS doc FROM json_each(?)',
        params: [JSON.stringify(rows.map((r) => r.doc))],
      };
    } else {
      const order =
        sort === 'date-desc'
          ? 'd.date_start IS NULL, d.date_start DESC, d.id'
          : 'd.date_start IS NULL, d.date_start, d.id';
      const where = plan.where;
      total = (
        this.get(`SELECT count(*) AS n FROM documents d WHERE ${where.sql}`, where.params) as { n: number }
      ).n;
      page = (
        this.all(
          `SELECT d.key AS key FROM documents d WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
          [...where.params, limit, offset],
        ) as { key: number }[]
      ).map((row) => ({ key: row.key, score: 0 }));
      matched = { sql: `SELECT d.key AS doc FROM documents d WHERE ${where.sql}`, params: where.params };
    }

    const hits = page.map((entry) => this.documentHit(entry.key, entry.score, plan, ranked?.get(entry.key)));
    const response: SearchResponse = { total, hits, tookMs: 0 };
    if (request.facets) response.facets = this.facets(matched);
    response.tookMs = performance.now() - started;
    return response;
  }

  /** Every matching document with its best and summed passage scores (bm25: lower is better). */
  private rankedDocuments(plan: QueryPlan): MatchRow[] {
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    return this.all(
      // MATERIALIZED keeps bm25() in the FTS query instead of being flattened into the aggregate.
      `WITH h AS MATERIALIZED (
         SELECT rowid >> 20 AS doc, ${BM25} AS s FROM passages_fts WHERE passages_fts MATCH ?${scope})
       SELECT h.doc AS doc, min(h.s) AS best, sum(h.s) AS total, d.date_start AS date, d.id AS id
       FROM h JOIN documents d ON d.key = h.doc
       WHERE ${plan.where.sql}
       GROUP BY h.doc`,
      [plan.rank, ...(plan.passageScope?.params ?? []), ...plan.where.params],
    ) as MatchRow[];
  }

  private documentHit(key: number, score: number, plan: QueryPlan, ranked?: RankedDocument): DocumentHit {
    const row = this.get(
      `SELECT id, collection_id, title, type, date_start, json_extract(json, '$.classification') AS classification
       FROM documents WHERE key = ?`,
      [key],
    ) as DocumentRow;
    const passages = ranked
      ? ranked.passages.map((passage) =>
          passageHit(row.id, passage.key, passage.kind, passage.snippet, passage.score, passage.meta),
        )
      : plan.rank
        ? this.bestPassages(key, row.id, plan)
        : [];
    return {
      documentId: row.id,
      collectionId: row.collection_id,
      title: row.title,
      type: row.type,
      date: row.date_start,
      classification: JSON.parse(row.classification) as Classification,
      score,
      passages: passages.length > 0 ? passages : this.openingPassage(key, row.id),
    };
  }

  /** The document's best-scoring passages with highlighted snippets. */
  private bestPassages(key: number, documentId: string, plan: QueryPlan): PassageHit[] {
    const [first, last] = passageRange(key);
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    const snippet = (column: number) =>
      `snippet(passages_fts, ${column}, '««', '»»', '…', ${SNIPPET_TOKENS})`;
    const rows = this.all(
      `SELECT h.key AS key, h.score AS score, h.head_snippet AS head_snippet, h.body_snippet AS body_snippet,
              p.kind AS kind, p.head IS NOT NULL AS is_head, p.meta AS meta
       FROM (SELECT rowid AS key, ${BM25} AS score, ${snippet(0)} AS head_snippet, ${snippet(1)} AS body_snippet
             FROM passages_fts
             WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?${scope}
             ORDER BY score LIMIT ${PASSAGES_PER_HIT}) h
       JOIN passages p ON p.key = h.key
       ORDER BY h.score`,
      [plan.rank, first, last, ...(plan.passageScope?.params ?? [])],
    ) as PassageMatchRow[];
    return rows.map((passage) =>
      passageHit(
        documentId,
        passage.key,
        passage.kind,
        (passage.is_head ? passage.head_snippet : passage.body_snippet) ?? '',
        -passage.score,
        passage.meta,
      ),
    );
  }

  /** For documents found by filters alone: the first paragraph, unhighlighted. */
  private openingPassage(key: number, documentId: string): PassageHit[] {
    const [first, last] = passageRange(key);
    const row = this.get(
      `SELECT key, kind, head, body, meta FROM passages WHERE key BETWEEN ? AND ?
       ORDER BY kind NOT IN ('paragraph', 'turn', 'list-item'), key LIMIT 1`,
      [first, last],
    ) as PassageRow | undefined;
    if (!row) return [];
    return [passageHit(documentId, row.key, row.kind, shorten(row.head ?? row.body ?? ''), 0, row.meta)];
  }

  /**
   * The best documents for a relevance-sorted text query: the index's bm25 picks candidate
   * passages (enough for `need` documents and a margin), which are scored again with the
   * shared BM25 (tuned parameters, the document title as a field, phrases) and grouped by
   * document: a document scores its best passage plus a share of its other candidates.
   */
  private rerankedDocuments(plan: QueryPlan, need: number): { documents: RankedDocument[]; total: number } {
    const depth = Math.max(need + RERANK_MARGIN, Math.ceil(need * 1.5));
    const fetch = depth * CANDIDATE_PASSAGES_PER_DOCUMENT;
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    const filtered = plan.where.sql !== '1';
    const keys = this.all(
      filtered
        ? `WITH h AS MATERIALIZED (
             SELECT rowid AS key, ${BM25} AS s FROM passages_fts WHERE passages_fts MATCH ?${scope})
           SELECT h.key AS key FROM h JOIN documents d ON d.key = h.key >> 20
           WHERE ${plan.where.sql} ORDER BY h.s LIMIT ?`
        : `SELECT rowid AS key FROM passages_fts WHERE passages_fts MATCH ?${scope} ORDER BY ${BM25} LIMIT ?`,
      [plan.rank, ...(plan.passageScope?.params ?? []), ...(filtered ? plan.where.params : []), fetch],
    ) as { key: number }[];

    // Candidate documents in first-stage order, with their candidate passages.
    const byDocument = new Map<number, number[]>();
    for (const { key } of keys) {
      const doc = Math.floor(key / PASSAGES_PER_DOCUMENT);
      const passages = byDocument.get(doc);
      if (passages) passages.push(key);
      else if (byDocument.size < depth) byDocument.set(doc, [key]);
    }
    const total =
      keys.length < fetch
        ? new Set(keys.map((row) => Math.floor(row.key / PASSAGES_PER_DOCUMENT))).size
        : this.countMatches(plan);
    if (byDocument.size === 0) return { documents: [], total };

    const terms = plan.leaves.map(rankTerm).filter((term): term is RankTerm => term !== null);
    const counter = new TermCounter(terms);
    const stats = this.corpusStats();
    const weighted: WeightedTerm[] = terms.map((term) => ({
      term,
      idf: inverseDocumentFrequency(this.documentFrequency(term, stats), stats.passages),
    }));
    const titles = new Map(
      (
        this.all('SELECT key, title FROM documents WHERE key IN (SELECT value FROM json_each(?))', [
          JSON.stringify([...byDocument.keys()]),
        ]) as { key: number; title: string }[]
      ).map((row) => [row.key, row.title]),
    );
    const passages = new Map(
      (
        this.all(
          `SELECT key, kind, head, body, speakers, meta,
                  (SELECT sz FROM passages_fts_docsize WHERE id = passages.key) AS sz
           FROM passages WHERE key IN (SELECT value FROM json_each(?))`,
          [JSON.stringify(keys.map((row) => row.key))],
        ) as CandidateRow[]
      ).map((row) => [row.key, row]),
    );

    const documents: RankedDocument[] = [];
    for (const [doc, candidateKeys] of byDocument) {
      const title = titles.get(doc) ?? '';
      const titleCounts = counter.count(title);
      const scored: RankedPassage[] = [];
      let titleOnly = 0;
      for (const key of candidateKeys) {
        const row = passages.get(key);
        if (!row) continue;
        const isTitle = row.kind === 'heading' && row.head === title;
        const sizes = row.sz ? varints(row.sz) : [];
        const fields = {
          title: titleCounts,
          head: isTitle ? counter.empty : counter.count(row.head, sizes[0]),
          body: counter.count(row.body, sizes[1]),
          speakers: counter.count(row.speakers, sizes[2]),
        };
        if (isTitle) {
          // The title passage alone: scored as the title of an average-length passage.
          titleOnly = scoreFields(weighted, fields, stats, stats.averageLength);
          continue;
        }
        const text = row.head ?? row.body ?? '';
        scored.push({
          key,
          kind: row.kind,
          meta: row.meta,
          score: scoreFields(weighted, fields, stats),
          own: scoreFields(weighted, { ...fields, title: counter.empty }, stats),
          snippet: () => highlight(text, terms, SNIPPET_TOKENS),
        });
      }
      scored.sort((a, b) => b.score - a.score || a.key - b.key);
      const best = scored[0];
      const others = scored.slice(1).reduce((sum, passage) => sum + passage.own, 0);
      const score = best ? best.score + OTHER_PASSAGES_SHARE * others : titleOnly;
      if (!best) {
        const row = passages.get(candidateKeys[0]!)!;
        scored.push({
          key: row.key,
          kind: row.kind,
          meta: row.meta,
          score: titleOnly,
          own: titleOnly,
          snippet: () => highlight(row.head ?? row.body ?? '', terms, SNIPPET_TOKENS),
        });
      }
      documents.push({ key: doc, score, passages: scored.slice(0, PASSAGES_PER_HIT) });
    }
    documents.sort((a, b) => b.score - a.score || a.key - b.key);
    return { documents, total };
  }

  /** The documents matching a driven query (for counts and facets). */
  private matchedDocuments(plan: QueryPlan): SqlFragment {
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    return {
      sql: `SELECT h.doc AS doc FROM (SELECT DISTINCT rowid >> 20 AS doc FROM passages_fts
              WHERE passages_fts MATCH ?${scope}) h JOIN documents d ON d.key = h.doc WHERE ${plan.where.sql}`,
      params: [plan.rank, ...(plan.passageScope?.params ?? []), ...plan.where.params],
    };
  }

  private countMatches(plan: QueryPlan): number {
    const matched: SqlFragment =
      plan.where.sql === '1'
        ? {
            sql: `SELECT DISTINCT rowid >> 20 FROM passages_fts WHERE passages_fts MATCH ?${plan.passageScope ? ` AND ${plan.passageScope.sql}` : ''}`,
            params: [plan.rank, ...(plan.passageScope?.params ?? [])],
          }
        : this.matchedDocuments(plan);
    return (this.get(`SELECT count(*) AS n FROM (${matched.sql})`, matched.params) as { n: number }).n;
  }

  /**
   * Passages, their average length, and the share of passages with body text, from FTS5's
   * own totals; refreshed when the index has grown or shrunk by more than 1%.
   */
  private corpusStats(): CorpusStats {
    const totals = this.ftsTotals();
    const cached = this.stats;
    if (cached && Math.abs(totals.rows - cached.rows) <= cached.rows * 0.01) return cached.stats;
    const bodies = (
      this.get('SELECT count(*) AS n FROM passages WHERE body IS NOT NULL', []) as { n: number }
    ).n;
    const heads = Math.max(1, totals.rows - bodies);
    const stats: CorpusStats = {
      passages: Math.max(1, bodies),
      averageLength: totals.tokens[1]! / Math.max(1, bodies) + totals.tokens[0]! / heads,
    };
    this.stats = { rows: totals.rows, stats };
    this.frequencies.clear();
    return stats;
  }

  /** FTS5's averages record: the number of rows, then the tokens in each column. */
  private ftsTotals(): { rows: number; tokens: number[] } {
    const row = this.get('SELECT block FROM passages_fts_data WHERE id = 1', []) as
      { block: Buffer } | undefined;
    const values = row ? varints(row.block) : [];
    return { rows: values[0] ?? 0, tokens: [values[1] ?? 0, values[2] ?? 0, values[3] ?? 0] };
  }

  /** How many passages hold the term in their heading or body (the larger), cached. */
  private documentFrequency(term: RankTerm, stats: CorpusStats): number {
    const lookup = (key: string, prefix: boolean): number => {
      const id = `${prefix ? '*' : ''}${key}`;
      let frequency = this.frequencies.get(id);
      if (frequency === undefined) {
        this.ensureVocabulary();
        const rows = (
          prefix
            ? this.all(
                `SELECT col, sum(doc) AS n FROM temp.passages_fts_vocab
                 WHERE term >= ? AND term < ? AND col IN ('head', 'body') GROUP BY col`,
                [key, `${key}\u{10ffff}`],
              )
            : this.all(
                `SELECT col, doc AS n FROM temp.passages_fts_vocab WHERE term = ? AND col IN ('head', 'body')`,
                [key],
              )
        ) as { col: string; n: number }[];
        frequency = Math.min(stats.passages, Math.max(0, ...rows.map((r) => r.n)));
        if (this.frequencies.size >= 100_000) this.frequencies.clear();
        this.frequencies.set(id, frequency);
      }
      return frequency;
    };
    if (term.key) return lookup(term.key, term.prefix);
    // A phrase occurs at most as often as its rarest word.
    return Math.min(...term.stems.map((stem) => lookup(stem, false)));
  }

  private ensureVocabulary(): void {
    if (this.vocabulary) return;
    this.db.exec(
      'CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_fts_vocab USING fts5vocab(main, passages_fts, col)',
    );
    this.vocabulary = true;
  }

  private facets(matched: SqlFragment): Record<string, FacetCount[]> {
    const over = (select: string, joins: string, group: string, distinct = false): FacetCount[] =>
      this.all(
        `WITH m(doc) AS (${matched.sql})
         SELECT ${select} AS value, count(${distinct ? 'DISTINCT m.doc' : '*'}) AS count
         FROM m ${joins} WHERE ${select} IS NOT NULL
         GROUP BY ${group} ORDER BY count DESC, value LIMIT ${FACET_VALUES}`,
        matched.params,
      ) as FacetCount[];
    const documents = 'JOIN documents d ON d.key = m.doc';
    return {
      type: over('d.type', documents, 'd.type'),
      decade: over("(d.year / 10 * 10) || 's'", documents, 'd.year / 10'),
      classification: over("coalesce(d.class_level, 'unknown')", documents, 'd.class_level'),
      collection: over('d.collection_id', documents, 'd.collection_id'),
      speaker: over(
        'coalesce(s.name, s.label)',
        `JOIN passage_speakers s ON s.passage BETWEEN m.doc * ${PASSAGES_PER_DOCUMENT} AND m.doc * ${PASSAGES_PER_DOCUMENT} + ${PASSAGES_PER_DOCUMENT - 1}`,
        'coalesce(s.name, s.label)',
        true,
      ),
      participant: over('pa.name', 'JOIN participants pa ON pa.doc = m.doc', 'pa.name', true),
    };
  }

  private prepare(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Queries differ only in their shape (how many words and filters): a small cache suffices.
      if (this.statements.size >= 256) this.statements.clear();
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private all(sql: string, params: unknown[]): unknown[] {
    return this.prepare(sql).all(...params);
  }

  private get(sql: string, params: unknown[]): unknown {
    return this.prepare(sql).get(...params);
  }
}

/** Hidden (embargoed) documents drop out of the document condition, so of counts, ranks, facets and snippets. */
function withVisibility(plan: QueryPlan, visible: string): QueryPlan {
  if (visible === '1') return plan;
  return { ...plan, where: { sql: `(${plan.where.sql}) AND ${visible}`, params: plan.where.params } };
}

/** SQLite varints, as FTS5 stores its counts (most significant group first). */
function varints(bytes: Buffer): number[] {
  const values: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    let value = 0;
    for (let i = 0; offset < bytes.length; i++) {
      const byte = bytes[offset++]!;
      if (i === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    values.push(value);
  }
  return values;
}

function documentScore(row: MatchRow): number {
  return -(row.best + OTHER_PASSAGES_SHARE * (row.total - row.best));
}

function sortMatches(rows: MatchRow[], sort: SortOrder): void {
  if (sort === 'relevance') {
    const scores = new Map(rows.map((row) => [row.doc, documentScore(row)]));
    rows.sort((a, b) => scores.get(b.doc)! - scores.get(a.doc)! || compareText(a.id, b.id));
    return;
  }
  const direction = sort === 'date-asc' ? 1 : -1;
  rows.sort((a, b) => {
    if (a.date === null || b.date === null)
      return a.date === b.date ? compareText(a.id, b.id) : a.date === null ? 1 : -1;
    return direction * compareText(a.date, b.date) || compareText(a.id, b.id);
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function passageHit(
  documentId: string,
  key: number,
  kind: PassageKind,
  snippet: string | (() => string),
  score: number,
  meta: string | null,
): PassageHit {
  const ordinal = key % PASSAGES_PER_DOCUMENT;
  const speakers = meta ? ((JSON.parse(meta) as { speakers: SpeakerSpan[] }).speakers ?? []) : [];
  const hit = { documentId, ordinal, kind, link: `${documentId}#p${ordinal}`, snippet: '', score, speakers };
  if (typeof snippet === 'string') {
    hit.snippet = snippet;
  } else {
    // Highlighting costs more than ranking: done when the snippet is first read (an enumerable
    // property all the same, so JSON output and comparisons see it).
    Object.defineProperty(hit, 'snippet', {
      enumerable: true,
      configurable: true,
      get() {
        const text = snippet();
        Object.defineProperty(hit, 'snippet', { value: text, enumerable: true, writable: true });
        return text;
      },
    });
  }
  return hit;
}

/** At most ~240 characters, cut at a word boundary. */
function shorten(text: string): string {
  if (text.length <= 240) return text;
  const cut = text.lastIndexOf(' ', 240);
  return `${text.slice(0, cut > 160 ? cut : 240)} …`;
}
