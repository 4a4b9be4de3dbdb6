/**
 * Search over the PostgreSQL archive. Candidates come from the GIN index (`tsv @@ query`);
 * each candidate passage is then scored with BM25 in SQL: term frequencies are read out of the
 * passage's tsvector with field weights (heading 2, body 1, speaker names 0.5, as the SQLite
 * archive weighs its columns), and each term's inverse document frequency comes from
 * `term_stats`. Stock `ts_rank_cd` has no idf, which costs it a tenth of nDCG on SciFact.
 * Passages are grouped by document as in SQLite: best passage plus half of the others.
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
import { hidesUnpublished } from '../visibility.js';
import type { Pool } from './database.js';
import { Params, planQuery, textsOf, type QueryPlan } from './query-plan.js';
import { rankTerms, resolveTexts, type RankTerm } from './tsquery.js';

/** BM25 parameters (Lucene's defaults; see bench/pg for the SciFact figures). */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Field weights by tsvector weight label: A heading, B speaker names, C body. */
export const FIELD_WEIGHTS = { A: 2.0, B: 0.5, C: 1.0 } as const;
/** A document's score: its best passage, plus this share of the other matching passages' scores. */
export const OTHER_PASSAGES_SHARE = 0.5;
export const PASSAGES_PER_HIT = 3;
const FACET_VALUES = 50;
const MAX_LIMIT = 1000;
const HEADLINE_OPTIONS =
  'StartSel=««, StopSel=»», MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "';

/** Visible documents (`d`): published, in a published collection. */
export const VISIBLE_DOCUMENT_SQL =
  '(d.published AND EXISTS (SELECT 1 FROM collections vc WHERE vc.id = d.collection_id AND vc.published))';

interface MatchRow extends Partial<FacetRow> {
  doc: number;
  best: number;
  total: number;
  date: string | null;
  id: string;
}

/** What the facets count, one row per matching document. */
interface FacetRow {
  type: string;
  year: number | null;
  class_level: string | null;
  collection_id: string;
  speaker_names: string[];
  participant_names: string[];
}

const FACET_COLUMNS = 'd.type, d.year, d.class_level, d.collection_id, d.speaker_names, d.participant_names';

interface DocumentRow {
  key: number;
  id: string;
  collection_id: string;
  title: string;
  type: DocumentType;
  date_start: string | null;
  classification: Classification;
}

interface PassageRow {
  doc: number;
  ordinal: number;
  kind: PassageKind;
  meta: { speakers?: SpeakerSpan[] } | null;
  score: number;
  snippet: string;
}

/**
 * The terms ranking scores, as SQL parameters: one tsquery per query term (a single lexeme, or
 * a prefix such as `'diplomat':*` that counts every lexeme it expands to) with that term's idf.
 */
interface Ranking {
  queries: string[];
  idfs: number[];
  avgLength: number;
}

/**
 * `ts_rank_cd` weights ({D, C, B, A}, each at most 1): the field weights scaled by the largest.
 * For a query of one lexeme (or one prefix) every occurrence is its own cover, and `ts_rank_cd`
 * with no normalisation adds up the weights of the occurrences: the term's field-weighted
 * frequency, divided by the scale. Read in C from the tsvector, without unnesting it.
 */
const WEIGHT_SCALE = Math.max(FIELD_WEIGHTS.A, FIELD_WEIGHTS.B, FIELD_WEIGHTS.C);
const RANK_WEIGHTS = `'{0, ${FIELD_WEIGHTS.C / WEIGHT_SCALE}, ${FIELD_WEIGHTS.B / WEIGHT_SCALE}, ${FIELD_WEIGHTS.A / WEIGHT_SCALE}}'::float4[]`;

export class PostgresSearch {
  constructor(private readonly pool: Pool) {}

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const { leaves, speakerNames } = textsOf(request.query);
    const resolved = await resolveTexts(this.pool, leaves, speakerNames);
    const planned = planQuery(request.query, resolved);
    const plan: QueryPlan = hidesUnpublished(request.viewer)
      ? { ...planned, where: { ...planned.where, sql: `(${planned.where.sql}) AND ${VISIBLE_DOCUMENT_SQL}` } }
      : planned;
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit ?? 10)));
    const offset = Math.max(0, Math.floor(request.offset ?? 0));
    const sort = request.sort ?? 'relevance';

    let total: number;
    let page: { key: number; score: number }[];
    let facets: Promise<Record<string, FacetCount[]>> | undefined;
    let ranking: Ranking | null = null;
    if (plan.driven) {
      ranking = await this.ranking(rankTerms(plan.rank!));
      const rows = await this.rankedDocuments(plan, ranking, request.facets === true);
      sortMatches(rows, sort);
      total = rows.length;
      page = rows.slice(offset, offset + limit).map((row) => ({ key: row.doc, score: documentScore(row) }));
      if (request.facets) facets = Promise.resolve(countFacets(rows as FacetRow[]));
    } else {
      const order =
        sort === 'date-desc'
          ? 'd.date_start IS NULL, d.date_start COLLATE "C" DESC, d.id COLLATE "C"'
          : 'd.date_start IS NULL, d.date_start COLLATE "C", d.id COLLATE "C"';
      const where = plan.where;
      const counted = await this.pool.query<{ n: number }>(
        `SELECT count(*) AS n FROM documents d WHERE ${where.sql}`,
        where.params,
      );
      total = counted.rows[0]!.n;
      const n = where.params.length;
      const rows = await this.pool.query<{ key: number }>(
        `SELECT d.key FROM documents d WHERE ${where.sql} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, limit, offset],
      );
      page = rows.rows.map((row) => ({ key: row.key, score: 0 }));
      if (request.facets) facets = this.facets(where);
    }

    const hits = await this.documentHits(page, plan, ranking);
    const response: SearchResponse = { total, hits, tookMs: 0 };
    if (facets) response.facets = await facets;
    response.tookMs = performance.now() - started;
    return response;
  }

  /** Inverse document frequencies (BM25's, never negative) and the average passage length. */
  private async ranking(terms: RankTerm[]): Promise<Ranking> {
    const unique = [...new Map(terms.map((t) => [t.query, t])).values()];
    const result = await this.pool.query<{ df: number; n: number; total_len: number }>(
      `SELECT (CASE WHEN t.prefix
                 THEN (SELECT coalesce(sum(passages), 0) FROM term_stats WHERE lexeme LIKE t.pattern)
                 ELSE (SELECT coalesce(max(passages), 0) FROM term_stats WHERE lexeme = t.lexeme) END)::float8 AS df,
              c.passages AS n, c.total_len AS total_len
       FROM unnest($1::text[], $2::bool[], $3::text[]) WITH ORDINALITY AS t(lexeme, prefix, pattern, i)
       CROSS JOIN corpus_stats c ORDER BY t.i`,
      [
        unique.map((t) => t.lexeme),
        unique.map((t) => t.prefix),
        unique.map((t) => `${t.lexeme.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      ],
    );
    const first = result.rows[0];
    const n = Math.max(1, first?.n ?? 1);
    const idfs = unique.map((_, index) => {
      const df = Math.min(n, result.rows[index]!.df);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    return {
      queries: unique.map((t) => t.query),
      idfs,
      avgLength: Math.max(1, (first?.total_len ?? 0) / n),
    };
  }

  /**
   * Every matching document with its best and summed passage scores (and what the facets
   * count, when asked: the facets are counted here from the same rows, not by another query).
   */
  private async rankedDocuments(plan: QueryPlan, ranking: Ranking, facets: boolean): Promise<MatchRow[]> {
    const local = new Params();
    const score = scoreSql(local, ranking);
    const rank = local.add(plan.rank);
    const scope = plan.passageScope ? ` AND ${local.bind(plan.passageScope)}` : '';
    const where = local.bind(plan.where);
    const result = await this.pool.query<MatchRow>(
      `SELECT s.doc, s.best, s.total, d.date_start AS date, d.id${facets ? `, ${FACET_COLUMNS}` : ''}
       FROM (SELECT x.doc, max(x.score) AS best, sum(x.score) AS total
             FROM (SELECT p.doc, ${score} AS score FROM passages p JOIN documents d ON d.key = p.doc
                   WHERE p.tsv @@ ${rank}::tsquery${scope} AND ${where}) x
             GROUP BY x.doc) s
       JOIN documents d ON d.key = s.doc`,
      local.values,
    );
    return result.rows;
  }

  private async documentHits(
    page: { key: number; score: number }[],
    plan: QueryPlan,
    ranking: Ranking | null,
  ): Promise<DocumentHit[]> {
    if (page.length === 0) return [];
    const keys = page.map((entry) => entry.key);
    const documents = await this.pool.query<DocumentRow>(
      `SELECT key, id, collection_id, title, type, date_start, json->'classification' AS classification
       FROM documents WHERE key = ANY($1::bigint[])`,
      [keys],
    );
    const best = plan.rank && ranking ? await this.bestPassages(keys, plan, ranking) : [];
    const missing = keys.filter((key) => !best.some((row) => row.doc === key));
    const opening = missing.length > 0 ? await this.openingPassages(missing) : [];
    const byKey = new Map(documents.rows.map((row) => [row.key, row]));
    return page.map((entry) => {
      const row = byKey.get(entry.key)!;
      const passages = [...best, ...opening].filter((p) => p.doc === entry.key);
      return {
        documentId: row.id,
        collectionId: row.collection_id,
        title: row.title,
        type: row.type,
        date: row.date_start,
        classification: row.classification,
        score: entry.score,
        passages: passages.map((p) => passageHit(row.id, p)),
      };
    });
  }

  /** The best-scoring passages of each document on the page, with highlighted snippets. */
  private async bestPassages(keys: number[], plan: QueryPlan, ranking: Ranking): Promise<PassageRow[]> {
    const params = new Params();
    const score = scoreSql(params, ranking);
    const docs = params.add(keys);
    const rank = params.add(plan.rank);
    const scope = plan.passageScope ? ` AND ${params.bind(plan.passageScope)}` : '';
    const text = "coalesce(p.head, p.body, '')";
    const snippet = plan.highlight
      ? `ts_headline('english', ${text}, ${params.add(plan.highlight)}::tsquery, ${params.add(HEADLINE_OPTIONS)})`
      : `left(${text}, 240)`;
    const result = await this.pool.query<PassageRow>(
      `WITH top AS (
         SELECT s.*, row_number() OVER (PARTITION BY s.doc ORDER BY s.score DESC, s.ordinal) AS n
         FROM (SELECT p.doc, p.ordinal, ${score} AS score FROM passages p
               WHERE p.doc = ANY(${docs}::bigint[]) AND p.tsv @@ ${rank}::tsquery${scope}) s)
       SELECT top.doc, top.ordinal, p.kind, p.meta, top.score,
              ${snippet} AS snippet
       FROM top JOIN passages p ON p.doc = top.doc AND p.ordinal = top.ordinal
       WHERE top.n <= ${PASSAGES_PER_HIT}
       ORDER BY top.doc, top.score DESC`,
      params.values,
    );
    return result.rows;
  }

  /** For documents found by filters alone: the first paragraph, unhighlighted. */
  private async openingPassages(keys: number[]): Promise<PassageRow[]> {
    const result = await this.pool.query<PassageRow & { text: string }>(
      `SELECT DISTINCT ON (doc) doc, ordinal, kind, meta, 0::float8 AS score, coalesce(head, body, '') AS text
       FROM passages WHERE doc = ANY($1::bigint[])
       ORDER BY doc, kind NOT IN ('paragraph', 'turn', 'list-item'), ordinal`,
      [keys],
    );
    return result.rows.map((row) => ({ ...row, snippet: shorten(row.text) }));
  }

  /** Facets of the documents a filter-only query matches, counted by the database. */
  private async facets(where: { sql: string; params: unknown[] }): Promise<Record<string, FacetCount[]>> {
    const group = (name: string, value: string, from: string) =>
      `(SELECT '${name}' AS facet, value, count FROM (
          SELECT ${value} AS value, count(*) AS count ${from}
          GROUP BY 1 HAVING ${value} IS NOT NULL
          ORDER BY count(*) DESC, (${value}) COLLATE "C" LIMIT ${FACET_VALUES}) x)`;
    const result = await this.pool.query<{ facet: string; value: string; count: number }>(
      `WITH md AS MATERIALIZED (SELECT ${FACET_COLUMNS} FROM documents d WHERE ${where.sql})
       ${group('type', 'd.type', 'FROM md d')}
       UNION ALL ${group('decade', "(d.year / 10 * 10)::text || 's'", 'FROM md d WHERE d.year IS NOT NULL')}
       UNION ALL ${group('classification', "coalesce(d.class_level, 'unknown')", 'FROM md d')}
       UNION ALL ${group('collection', 'd.collection_id', 'FROM md d')}
       UNION ALL ${group('speaker', 'v', 'FROM md d CROSS JOIN unnest(d.speaker_names) v')}
       UNION ALL ${group('participant', 'v', 'FROM md d CROSS JOIN unnest(d.participant_names) v')}`,
      where.params,
    );
    const facets = emptyFacets();
    for (const row of result.rows) facets[row.facet]!.push({ value: row.value, count: row.count });
    return facets;
  }
}

function emptyFacets(): Record<string, FacetCount[]> {
  return { type: [], decade: [], classification: [], collection: [], speaker: [], participant: [] };
}

/**
 * The facets of ranked matches, counted from their rows: the same counts and order as the
 * query in `facets` (most documents first, then by value, at most FACET_VALUES each).
 */
function countFacets(rows: readonly FacetRow[]): Record<string, FacetCount[]> {
  const counts = new Map<string, Map<string, number>>(
    Object.keys(emptyFacets()).map((name) => [name, new Map()]),
  );
  const add = (facet: string, value: string) => {
    const values = counts.get(facet)!;
    values.set(value, (values.get(value) ?? 0) + 1);
  };
  for (const row of rows) {
    add('type', row.type);
    if (row.year !== null) add('decade', `${Math.trunc(row.year / 10) * 10}s`);
    add('classification', row.class_level ?? 'unknown');
    add('collection', row.collection_id);
    for (const name of row.speaker_names) add('speaker', name);
    for (const name of row.participant_names) add('participant', name);
  }
  const facets = emptyFacets();
  for (const [facet, values] of counts) {
    facets[facet] = [...values]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || compareBytes(a.value, b.value))
      .slice(0, FACET_VALUES);
  }
  return facets;
}

/**
 * BM25 of passage `p` as one SQL expression: for each term, idf · (k1 + 1) · tf / (tf + norm),
 * written idf · (k1 + 1) · (1 − norm / (tf + norm)) so that tf (from `ts_rank_cd`) is read once.
 */
function scoreSql(params: Params, ranking: Ranking): string {
  const norm = `(${BM25_K1 * (1 - BM25_B)} + ${BM25_K1 * BM25_B} * p.len / ${params.add(ranking.avgLength)}::float8)`;
  const terms = ranking.queries.map((query, index) => {
    const weight = params.add(ranking.idfs[index]! * (BM25_K1 + 1));
    const tf = `${WEIGHT_SCALE} * ts_rank_cd(${RANK_WEIGHTS}, p.tsv, ${params.add(query)}::tsquery, 0)`;
    return `${weight}::float8 * (1 - ${norm} / (${tf} + ${norm}))`;
  });
  return terms.length > 0 ? `(${terms.join(' + ')})` : '0::float8';
}

function documentScore(row: MatchRow): number {
  return row.best + OTHER_PASSAGES_SHARE * (row.total - row.best);
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

/**
 * As PostgreSQL's "C" collation orders text: by UTF-8 bytes, which is code point order, and
 * so UTF-16 order unless a string holds a surrogate pair.
 */
function compareBytes(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return compareText(a, b);
}

const SURROGATE = /[\uD800-\uDFFF]/;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function passageHit(documentId: string, row: PassageRow): PassageHit {
  return {
    documentId,
    ordinal: row.ordinal,
    kind: row.kind,
    link: `${documentId}#p${row.ordinal}`,
    snippet: row.snippet,
    score: row.score,
    speakers: row.meta?.speakers ?? [],
  };
}

/** At most ~240 characters, cut at a word boundary. */
function shorten(text: string): string {
  if (text.length <= 240) return text;
  const cut = text.lastIndexOf(' ', 240);
  return `${text.slice(0, cut > 160 ? cut : 240)} …`;
}
