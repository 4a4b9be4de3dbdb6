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

/** A document on the requested page, as the main statement returns it (JSON). */
interface PageEntry {
  key: number;
  score: number;
  id: string;
  collection_id: string;
  title: string;
  type: DocumentType;
  date: string | null;
  classification: Classification;
  /** A ranked query's best passages of the document, best first. */
  passages?: Omit<PassageRow, 'doc'>[];
}

/** The main statement's one row: how many documents match, the page, the facets. */
interface MatchSummary {
  total: number;
  page: PageEntry[];
  facets: Record<string, FacetCount[]> | null;
}

/** The facets, each as SQL over the matched documents `m`: value expression and source. */
const FACETS: readonly { name: string; value: string; from: string }[] = [
  { name: 'type', value: 'm.type', from: 'm' },
  { name: 'decade', value: "(m.year / 10 * 10)::text || 's'", from: 'm WHERE m.year IS NOT NULL' },
  { name: 'classification', value: "coalesce(m.class_level, 'unknown')", from: 'm' },
  { name: 'collection', value: 'm.collection_id', from: 'm' },
  { name: 'speaker', value: 'v', from: 'm CROSS JOIN unnest(m.speaker_names) v' },
  { name: 'participant', value: 'v', from: 'm CROSS JOIN unnest(m.participant_names) v' },
];
const FACET_COLUMNS = 'd.type, d.year, d.class_level, d.collection_id, d.speaker_names, d.participant_names';

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

    const ranking = plan.driven ? await this.ranking(rankTerms(plan.rank!)) : null;
    const summary = await this.matches(plan, ranking, {
      limit,
      offset,
      sort: sort === 'relevance' && !plan.driven ? 'date-asc' : sort,
      facets: request.facets === true,
    });
    const hits = await this.documentHits(summary.page);
    const response: SearchResponse = { total: summary.total, hits, tookMs: 0 };
    if (request.facets) response.facets = { ...emptyFacets(), ...summary.facets };
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
   * One statement over the matching documents `m`: how many there are, the requested page (in
   * order, with what a hit shows of each) and, when asked, the facets counted over all of them.
   * A query with words ranks every matching passage (BM25 with `ranking`) and scores each
   * document by its best passage plus a share of the others; filters alone list by date.
   */
  private async matches(
    plan: QueryPlan,
    ranking: Ranking | null,
    options: { limit: number; offset: number; sort: SortOrder; facets: boolean },
  ): Promise<MatchSummary> {
    const params = new Params();
    const columns = `d.key AS doc, d.date_start, d.id${options.facets ? `, ${FACET_COLUMNS}` : ''}`;
    let matched: string;
    let ranked = '';
    let passages = '';
    if (ranking) {
      const score = scoreSql(params, ranking);
      const rank = `p.tsv @@ ${params.add(plan.rank)}::tsquery`;
      const scope = plan.passageScope ? ` AND ${params.bind(plan.passageScope)}` : '';
      const where = params.bind(plan.where);
      let scored: string;
      if (plan.having) {
        // Several words to find: first the documents that have them all (flags, no scoring),
        // then BM25 for the matching passages of those documents alone.
        const flags = plan.flags.map(
          (flag, i) => `, bool_or(p.tsv @@ ${params.add(flag)}::tsquery) AS f${i}`,
        );
        const qualifying = `SELECT s.doc
          FROM (SELECT p.doc${flags.join('')} FROM passages p JOIN documents d ON d.key = p.doc
                WHERE ${rank}${scope} AND ${where} GROUP BY p.doc) s
          JOIN documents d ON d.key = s.doc WHERE ${params.bind(plan.having)}`;
        const again = plan.passageScope ? ` AND ${params.bind(plan.passageScope)}` : '';
        scored = `SELECT p.doc, p.ordinal, ${score} AS score FROM passages p
          WHERE p.doc IN (${qualifying}) AND ${rank}${again}`;
      } else {
        scored = `SELECT p.doc, p.ordinal, ${score} AS score FROM passages p JOIN documents d ON d.key = p.doc
          WHERE ${rank}${scope} AND ${where}`;
      }
      ranked = `sc AS MATERIALIZED (${scored}),`;
      matched = `SELECT ${columns}, s.best + ${OTHER_PASSAGES_SHARE} * (s.total - s.best) AS score
        FROM (SELECT sc.doc, max(sc.score) AS best, sum(sc.score) AS total FROM sc GROUP BY sc.doc) s
        JOIN documents d ON d.key = s.doc`;
      // The best passages of each document on the page, from the scores above.
      const text = "coalesce(p.head, p.body, '')";
      const snippet = plan.highlight
        ? `ts_headline('english', ${text}, ${params.add(plan.highlight)}::tsquery, ${params.add(HEADLINE_OPTIONS)})`
        : `left(${text}, 240)`;
      passages = `, 'passages', (SELECT json_agg(json_build_object('ordinal', t.ordinal, 'kind', p.kind,
          'meta', p.meta, 'score', t.score, 'snippet', ${snippet}) ORDER BY t.score DESC, t.ordinal)
        FROM (SELECT sc.ordinal, sc.score FROM sc WHERE sc.doc = m.doc
              ORDER BY sc.score DESC, sc.ordinal LIMIT ${PASSAGES_PER_HIT}) t
        JOIN passages p ON p.doc = m.doc AND p.ordinal = t.ordinal)`;
    } else {
      matched = `SELECT ${columns}, 0::float8 AS score FROM documents d WHERE ${params.bind(plan.where)}`;
    }
    const order = ORDERS[options.sort];
    const facets = options.facets
      ? `json_build_object(${FACETS.map(
          (f) => `'${f.name}', (SELECT coalesce(json_agg(json_build_object('value', x.value, 'count', x.count)
                     ORDER BY x.count DESC, x.value COLLATE "C"), '[]')
                   FROM (SELECT ${f.value} AS value, count(*) AS count FROM ${f.from} GROUP BY 1
                         ORDER BY count(*) DESC, (${f.value}) COLLATE "C" LIMIT ${FACET_VALUES}) x)`,
        ).join(', ')})`
      : 'NULL::json';
    const result = await this.pool.query<MatchSummary>(
      `WITH ${ranked} m AS MATERIALIZED (${matched}),
       page AS (SELECT m.doc, m.score, m.date_start, m.id FROM m ORDER BY ${order}
                LIMIT ${params.add(options.limit)} OFFSET ${params.add(options.offset)})
       SELECT (SELECT count(*) FROM m) AS total,
              (SELECT coalesce(json_agg(json_build_object('key', d.key, 'score', m.score, 'id', d.id,
                        'collection_id', d.collection_id, 'title', d.title, 'type', d.type, 'date', d.date_start,
                        'classification', d.json->'classification'${passages}) ORDER BY ${order}), '[]')
               FROM page m JOIN documents d ON d.key = m.doc) AS page,
              ${facets} AS facets`,
      params.values,
    );
    return result.rows[0]!;
  }

  private async documentHits(page: PageEntry[]): Promise<DocumentHit[]> {
    const unranked = page.filter((entry) => !entry.passages).map((entry) => entry.key);
    const opening = unranked.length > 0 ? await this.openingPassages(unranked) : [];
    return page.map((entry) => ({
      documentId: entry.id,
      collectionId: entry.collection_id,
      title: entry.title,
      type: entry.type,
      date: entry.date,
      classification: entry.classification,
      score: entry.score,
      passages: (entry.passages ?? opening.filter((p) => p.doc === entry.key)).map((p) =>
        passageHit(entry.id, p),
      ),
    }));
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
}

/** Every facet, empty. */
function emptyFacets(): Record<string, FacetCount[]> {
  return Object.fromEntries(FACETS.map((facet) => [facet.name, []]));
}

/** Orders of the matched documents `m` (dates as text, undated last; ties by id). */
const ORDERS: Record<SortOrder, string> = {
  relevance: 'm.score DESC, m.id COLLATE "C"',
  'date-asc': 'm.date_start IS NULL, m.date_start COLLATE "C", m.id COLLATE "C"',
  'date-desc': 'm.date_start IS NULL, m.date_start COLLATE "C" DESC, m.id COLLATE "C"',
};

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

function passageHit(documentId: string, row: Omit<PassageRow, 'doc'>): PassageHit {
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
