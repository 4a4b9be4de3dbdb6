/**
 * Search over the SQLite archive: candidate passages from FTS5, re-scored by the shared BM25
 * (search/rank.ts) and grouped by document, highlighted snippets cut inside one passage, and
 * facet counts.
 *
 * Every step is bounded so a query costs about the same on 10,000 and on 1,000,000 documents:
 * - the index's bm25 ranks at most RANK_BUDGET passages: when the words match more (common
 *   words in a large archive), FTS5 ranks the passages of the rarer words only, and passages
 *   holding every word and the first matches in index order join the candidates, all scored
 *   by the shared BM25 (`rankingExact: false` in the response);
 * - document frequencies are counted up to EXACT_FREQUENCY passages and estimated beyond from
 *   where in the key space the count stopped, and cached until the index changes;
 * - matching documents are counted up to the request's `countLimit` (`totalExact: false`
 *   beyond it) and facets count those documents;
 * - sorted by date, a page of more matches than that comes from walking the date index, which
 *   stops at the page's last hit.
 */
import type { Classification, DocumentType, PassageKind } from '../../records/schema.js';
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
import { decodePassageMeta } from './passage-meta.js';
import { NO_TEXTS, passageText, unpackTexts, type PassageTexts } from './passage-texts.js';
import { documentsMatching, planQuery, type Leaf, type QueryPlan, type SqlFragment } from './query-plan.js';
import { joinExpressions, leafExpression } from '../../search/fts5-compile.js';
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
/** Matching documents counted when the request names no `countLimit`. */
export const COUNT_LIMIT = 1000;
/**
 * Passages FTS5's bm25 may score for one query (its cost is a few microseconds a passage). The
 * estimate is the sum of the words' document frequencies, an upper bound of the matches.
 */
const RANK_BUDGET = 30_000;
/** Passages taken in index order, per source, when the words are too common to rank them all. */
const SAMPLE_PASSAGES = 300;
/** Matches of the whole query a bounded search or count looks at, from the start of the index. */
const WINDOW_PASSAGES = 20_000;
/** Document frequencies are counted exactly up to this many passages and estimated beyond. */
const EXACT_FREQUENCY = 20_000;
/** Archives up to this many passages have their statistics counted exactly, larger ones sampled. */
const EXACT_STATS_ROWS = 100_000;
const STATS_SAMPLE_DOCUMENTS = 256;
/** Documents re-ranked beyond those asked for: candidates the first stage ranked just below. */
const RERANK_MARGIN = 30;
/**
 * Of an exactly ranked query, the first stage's best documents that are re-scored by the shared
 * BM25, from its first RESCORED_DOCUMENTS × CANDIDATE_PASSAGES_PER_DOCUMENT passages; deeper
 * documents keep the index's order. So a document's score and place do not depend on the page
 * asked for, and a 100-hit page costs little more than a 10-hit one (re-scoring all 150
 * candidates of a 100-hit page took half of the search's time; bench/RESULTS.md).
 */
const RESCORED_DOCUMENTS = 40;
/** First-stage passages fetched per document re-ranked. */
const CANDIDATE_PASSAGES_PER_DOCUMENT = 2;
const MAX_LIMIT = 1000;
/**
 * The first and last document keys, each from its end of the table. With both aggregates in one
 * SELECT, SQLite scans every key instead (87–97 ms at 1,000,000 documents, on each snapshot).
 */
export const DOCUMENT_KEY_RANGE_SQL =
  'SELECT (SELECT min(key) FROM documents) AS first, (SELECT max(key) FROM documents) AS last';

const BM25 = `bm25(passages_fts, ${COLUMN_WEIGHTS.head}, ${COLUMN_WEIGHTS.body}, ${COLUMN_WEIGHTS.speakers})`;

/** A positive word or phrase of the query, with its FTS5 expression and document frequency. */
interface QueryWord {
  expression: string;
  term: RankTerm | null;
  frequency: number;
}

interface Snapshot {
  /** FTS5 rows when the snapshot was taken. */
  rows: number;
  stats: CorpusStats;
  firstDocument: number;
  lastDocument: number;
}

interface Matches {
  /** Matching document keys, in key order, at most the count limit. */
  keys: number[];
  exact: boolean;
}

interface DocumentRow {
  id: string;
  collection_id: string;
  title: string;
  type: DocumentType;
  date_start: string | null;
  classification: string;
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

/** First-stage candidates: passage keys, best first when `exact`, with FTS5's bm25 (lower is better). */
interface Candidates {
  keys: number[];
  /** By position in `keys`; only for the exact path. */
  scores?: number[];
  exact: boolean;
  /** Matching documents, when every match was scored. */
  documents?: number;
}

interface Reranked {
  documents: RankedDocument[];
  /** The candidates were every match (so the total is known), or null. */
  total: number | null;
  exact: boolean;
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
  private snapshotCache: Snapshot | null = null;

  constructor(private readonly db: SqliteDatabase) {}

  search(request: SearchRequest): SearchResponse {
    const started = performance.now();
    const plan = withVisibility(planQuery(request.query), documentVisibility(request.viewer));
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit ?? 10)));
    const offset = Math.max(0, Math.floor(request.offset ?? 0));
    const sort = request.sort ?? 'relevance';
    const countLimit = Math.max(1, Math.floor(request.countLimit ?? COUNT_LIMIT));

    let total: number;
    let totalExact = true;
    let rankingExact = true;
    let page: { key: number; score?: number }[];
    let matches: Matches | null = null;
    let ranked: Map<number, RankedDocument> | null = null;
    if (plan.driven && sort === 'relevance') {
      // Candidates from the index, re-ranked by the shared BM25 (see search/rank.ts).
      const snapshot = this.snapshot();
      const words = this.queryWords(plan, snapshot);
      const result = this.rerankedDocuments(plan, words, offset + limit, snapshot);
      ranked = new Map(result.documents.map((document) => [document.key, document]));
      rankingExact = result.exact;
      page = result.documents
        .slice(offset, offset + limit)
        .map((document) => ({ key: document.key, score: document.score }));
      if (result.total !== null && !request.facets) {
        total = result.total;
      } else {
        matches = this.drivenMatches(plan, words, countLimit, snapshot);
        total = matches.keys.length;
        totalExact = matches.exact;
      }
    } else if (plan.driven) {
      // By date: counted and faceted as for relevance. A page of few matches is sorted from
      // them; of many, it comes from walking the date index, which stops at the page's end,
      // where scoring every match to sort it took 1.4 s for `Berlin` at 1,000,000 documents.
      const snapshot = this.snapshot();
      matches = this.drivenMatches(plan, this.queryWords(plan, snapshot), countLimit, snapshot);
      total = matches.keys.length;
      totalExact = matches.exact;
      page = this.datePage(matches, drivenCondition(plan), sort, limit, offset).map((key) => ({ key }));
    } else {
      matches = this.filteredMatches(plan.where, countLimit);
      total = matches.keys.length;
      totalExact = matches.exact;
      page = this.datePage(matches, plan.where, sort, limit, offset).map((key) => ({ key, score: 0 }));
    }

    const hits = this.documentHits(page, plan, ranked);
    const response: SearchResponse = { total, hits, tookMs: 0 };
    if (!totalExact) response.totalExact = false;
    if (!rankingExact) response.rankingExact = false;
    if (request.facets) response.facets = this.facets(matches?.keys ?? []);
    response.tookMs = performance.now() - started;
    return response;
  }

  /** The page's documents, read in one statement, with their passages. */
  private documentHits(
    page: readonly { key: number; score?: number }[],
    plan: QueryPlan,
    ranked: Map<number, RankedDocument> | null,
  ): DocumentHit[] {
    if (page.length === 0) return [];
    const rows = new Map(
      (
        this.all(
          `SELECT key, id, collection_id, title, type, date_start,
                  json_extract(json, '$.classification') AS classification
           FROM documents WHERE key IN (SELECT value FROM json_each(?))`,
          [JSON.stringify(page.map((entry) => entry.key))],
        ) as (DocumentRow & { key: number })[]
      ).map((row) => [row.key, row]),
    );
    // Documents not ranked yet (sorted by date, or found by filters): their matching passages
    // scored as a relevance search scores them.
    const unranked = page.map((entry) => entry.key).filter((key) => !ranked?.has(key));
    let scored: Map<number, RankedDocument> | null = null;
    if (plan.rank && unranked.length > 0) {
      const snapshot = this.snapshot();
      scored = new Map(
        this.scoredDocuments(
          this.matchingPassages(plan, unranked),
          this.queryWords(plan, snapshot),
          snapshot.stats,
        ).map((document) => [document.key, document]),
      );
    }
    return page.map(({ key, score }) => {
      const row = rows.get(key)!;
      const document = ranked?.get(key) ?? scored?.get(key);
      const passages =
        document?.passages.map((passage) =>
          passageHit(row.id, passage.key, passage.kind, passage.snippet, passage.score, passage.meta),
        ) ?? [];
      return {
        documentId: row.id,
        collectionId: row.collection_id,
        title: row.title,
        type: row.type,
        date: row.date_start,
        classification: JSON.parse(row.classification) as Classification,
        score: score ?? document?.score ?? 0,
        passages: passages.length > 0 ? passages : this.openingPassage(key, row.id),
      };
    });
  }

  /**
   * Each document's passages that match what the plan ranks, in key order. FTS5's bm25() is left
   * out: it reads every posting of the words to weigh them, 20–55 ms per document for common
   * words at 1,000,000 documents.
   */
  private matchingPassages(plan: QueryPlan, documents: readonly number[]): Map<number, number[]> {
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    const statement = this.prepare(
      `SELECT rowid AS key FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?${scope}`,
    ).pluck();
    const found = new Map<number, number[]>();
    for (const doc of documents) {
      const [first, last] = passageRange(doc);
      // BigInt bounds: FTS5 ignores a key range given as floats, and JavaScript numbers bind as floats.
      const keys = statement.all(
        plan.rank,
        BigInt(first),
        BigInt(last),
        ...(plan.passageScope?.params ?? []),
      ) as number[];
      if (keys.length > 0) found.set(doc, keys);
    }
    return found;
  }

  /** The documents' titles and passage texts (none for rows that keep their text in the passage row). */
  private documentTexts(keys: readonly number[]): Map<number, { title: string; texts: PassageTexts }> {
    const rows = this.all(
      'SELECT key, title, texts FROM documents WHERE key IN (SELECT value FROM json_each(?))',
      [JSON.stringify(keys)],
    ) as { key: number; title: string; texts: Buffer | null }[];
    return new Map(rows.map((row) => [row.key, { title: row.title, texts: unpackTexts(row.texts) }]));
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
    const text = passageText(row, this.documentTexts([key]).get(key)?.texts ?? NO_TEXTS);
    return [passageHit(documentId, row.key, row.kind, shorten(text), 0, row.meta)];
  }

  /** The query's distinct positive words and phrases with their document frequencies. */
  private queryWords(plan: QueryPlan, snapshot: Snapshot): QueryWord[] {
    const words = new Map<string, QueryWord>();
    for (const leaf of plan.leaves) {
      const expression = leafExpression(leaf as Leaf);
      if (expression === null || words.has(expression)) continue;
      words.set(expression, {
        expression,
        term: rankTerm(leaf),
        frequency: this.documentFrequency(expression, snapshot),
      });
    }
    return [...words.values()];
  }

  /** The FTS5 expression for some of the query's words (OR or AND), within the speaker scope. */
  private expressionOf(plan: QueryPlan, words: readonly QueryWord[], operator: 'AND' | 'OR'): string {
    const text = joinExpressions(
      operator,
      words.map((word) => word.expression),
    );
    return plan.speakerFts ? joinExpressions('AND', [text, plan.speakerFts]) : text;
  }

  /**
   * The best documents for a relevance-sorted text query: candidate passages (see
   * `candidates`) scored again with the shared BM25 (tuned parameters, the document title as a
   * field, phrases) and grouped by document: a document scores its best passage plus a share of
   * its other candidates.
   */
  private rerankedDocuments(
    plan: QueryPlan,
    words: readonly QueryWord[],
    need: number,
    snapshot: Snapshot,
  ): Reranked {
    const depth = Math.max(need + RERANK_MARGIN, Math.ceil(need * 1.5));
    const window = RESCORED_DOCUMENTS * CANDIDATE_PASSAGES_PER_DOCUMENT;
    const fetch = Math.max(window, depth * CANDIDATE_PASSAGES_PER_DOCUMENT);
    const found = this.candidates(plan, words, fetch, snapshot);
    const keys = found.keys;

    // Candidate documents in first-stage order, with their candidate passages. An exact ranking
    // re-scores the documents of its first `window` passages only (at most RESCORED_DOCUMENTS),
    // with those passages, so each document's score is the same whatever page is asked for;
    // later documents, up to the page's end, keep the index's order.
    const byDocument = new Map<number, number[]>();
    const later = new Map<number, number[]>();
    keys.forEach((key, i) => {
      const doc = Math.floor(key / PASSAGES_PER_DOCUMENT);
      if (!found.exact) {
        const passages = byDocument.get(doc);
        if (passages) passages.push(key);
        else byDocument.set(doc, [key]);
        return;
      }
      const rescored = byDocument.get(doc);
      if (rescored) {
        if (i < window) rescored.push(key);
      } else if (i < window && byDocument.size < RESCORED_DOCUMENTS) {
        byDocument.set(doc, [key]);
      } else {
        const passages = later.get(doc);
        if (passages) passages.push(key);
        else if (byDocument.size + later.size < need) later.set(doc, [key]);
      }
    });
    const total = found.documents ?? null;
    if (byDocument.size === 0) return { documents: [], total: found.exact ? 0 : null, exact: found.exact };
    const tail = [...later];

    let documents = this.scoredDocuments(byDocument, words, snapshot.stats);
    documents.sort((a, b) => b.score - a.score || a.key - b.key);
    if (!found.exact) documents = this.keepMatching(plan, documents, depth);
    if (tail.length > 0) documents.push(...this.unscoredDocuments(tail, found, documents, rankTerms(words)));
    return { documents, total, exact: found.exact };
  }

  /**
   * Documents scored with the shared BM25 (tuned parameters, the document title as a field,
   * phrases) over the given passages of each: a document scores its best passage plus a share of
   * the others. In the map's order.
   */
  private scoredDocuments(
    byDocument: ReadonlyMap<number, readonly number[]>,
    words: readonly QueryWord[],
    stats: CorpusStats,
  ): RankedDocument[] {
    const terms = rankTerms(words);
    const counter = new TermCounter(terms);
    const weighted: WeightedTerm[] = words
      .filter((word) => word.term !== null)
      .map((word) => ({ term: word.term!, idf: inverseDocumentFrequency(word.frequency, stats.passages) }));
    const documentTexts = this.documentTexts([...byDocument.keys()]);
    const passages = new Map<number, CandidateRow>();
    for (const row of this.all(
      `SELECT p.key AS key, p.kind AS kind, p.head AS head, p.body AS body, p.speakers AS speakers,
              p.meta AS meta, (SELECT sz FROM passages_fts_docsize WHERE id = p.key) AS sz
       FROM passages p WHERE p.key IN (SELECT value FROM json_each(?))`,
      [JSON.stringify([...byDocument.values()].flat())],
    ) as CandidateRow[]) {
      const document = documentTexts.get(Math.floor(row.key / PASSAGES_PER_DOCUMENT));
      const text = passageText(row, document?.texts ?? NO_TEXTS);
      const heading = row.kind === 'heading';
      passages.set(row.key, { ...row, head: heading ? text : null, body: heading ? null : text });
    }

    const documents: RankedDocument[] = [];
    for (const [doc, candidateKeys] of byDocument) {
      const title = documentTexts.get(doc)?.title ?? '';
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
        const text = row.head ?? row.body ?? '';
        scored.push({
          key: row.key,
          kind: row.kind,
          meta: row.meta,
          score: titleOnly,
          own: titleOnly,
          snippet: () => highlight(text, terms, SNIPPET_TOKENS),
        });
      }
      documents.push({ key: doc, score, passages: scored.slice(0, PASSAGES_PER_HIT) });
    }
    return documents;
  }

  /**
   * Documents past the re-scored ones, in the index's order, with their best candidate passages.
   * Their scores continue below the last re-scored document's, in proportion to FTS5's bm25, so
   * scores still fall down the list; their snippets read the passage text when first asked for.
   */
  private unscoredDocuments(
    tail: readonly [number, number[]][],
    found: Candidates,
    rescored: readonly RankedDocument[],
    terms: readonly RankTerm[],
  ): RankedDocument[] {
    const stageScores = new Map(found.keys.map((key, i) => [key, -found.scores![i]!]));
    const shown = tail.map(([, keys]) => keys.slice(0, PASSAGES_PER_HIT));
    const rows = new Map(
      (
        this.all(
          'SELECT key, kind, head, body, meta FROM passages WHERE key IN (SELECT value FROM json_each(?))',
          [JSON.stringify(shown.flat())],
        ) as PassageRow[]
      ).map((row) => [row.key, row]),
    );
    // A document's texts are unpacked when one of its snippets is first read.
    const unpacked = new Map<number, PassageTexts>();
    const textOf = (row: PassageRow) => {
      const doc = Math.floor(row.key / PASSAGES_PER_DOCUMENT);
      let texts = unpacked.get(doc);
      if (!texts && row.head === null && row.body === null) {
        texts = this.documentTexts([doc]).get(doc)?.texts ?? NO_TEXTS;
        unpacked.set(doc, texts);
      }
      return passageText(row, texts ?? NO_TEXTS);
    };
    const floor = rescored.at(-1)?.score ?? 1;
    const top = stageScores.get(tail[0]![1][0]!)!;
    const scaled = (key: number) => (top > 0 ? (floor * stageScores.get(key)!) / top : floor);
    return tail.map(([doc, keys], i) => ({
      key: doc,
      score: scaled(keys[0]!),
      passages: shown[i]!.flatMap((key) => {
        const row = rows.get(key);
        if (!row) return [];
        const score = scaled(key);
        const snippet = () => highlight(textOf(row), terms, SNIPPET_TOKENS);
        return [{ key, kind: row.kind, meta: row.meta, score, own: score, snippet }];
      }),
    }));
  }

  /**
   * Candidate passages. When the words' frequencies add up to at most RANK_BUDGET, FTS5's bm25
   * picks the best `fetch` passages of every match (under the whole document condition): the
   * exact path. Otherwise (`exact: false`), the candidates are bounded: the bm25-best passages
   * of the rarer words (as many as fit the budget), the first passages holding every word, and
   * the first passages holding any word, all under the filters that need no word look-up; the
   * caller tests the other document conditions on the best-scored documents.
   */
  private candidates(
    plan: QueryPlan,
    words: readonly QueryWord[],
    fetch: number,
    snapshot: Snapshot,
  ): Candidates {
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    const scopeParams = plan.passageScope?.params ?? [];
    const cost = this.rankingCost(plan, words, snapshot);
    /** The bm25-best passages matching `match` and `where`, best first (equal scores in key order). */
    const ranked = (match: string, where: SqlFragment, limit: number) =>
      this.all(
        where.sql !== '1'
          ? `WITH h AS MATERIALIZED (
               SELECT rowid AS key, ${BM25} AS s FROM passages_fts WHERE passages_fts MATCH ?${scope})
             SELECT h.key AS key, h.s AS s FROM h JOIN documents d ON d.key = h.key >> 20
             WHERE ${where.sql} ORDER BY h.s, h.key LIMIT ?`
          : `SELECT rowid AS key, ${BM25} AS s FROM passages_fts WHERE passages_fts MATCH ?${scope}
             ORDER BY s, key LIMIT ?`,
        [match, ...scopeParams, ...(where.sql !== '1' ? where.params : []), limit],
      ) as { key: number; s: number }[];
    if (cost <= RANK_BUDGET) {
      const where = plan.where;
      if (where.sql === '1') {
        // Counting apart is cheaper than keeping every scored match to count it.
        const best = ranked(plan.rank!, where, fetch);
        const counted = this.get(
          `SELECT count(DISTINCT rowid >> 20) AS n FROM passages_fts WHERE passages_fts MATCH ?${scope}`,
          [plan.rank, ...scopeParams],
        ) as { n: number };
        return {
          keys: best.map((row) => row.key),
          scores: best.map((row) => row.s),
          exact: true,
          documents: counted.n,
        };
      }
      // With a document condition every match is joined to its document anyway: rank and count
      // the matching documents in the same statement.
      const rows = this.all(
        `WITH h AS MATERIALIZED (
           SELECT rowid AS key, ${BM25} AS s FROM passages_fts WHERE passages_fts MATCH ?${scope}),
         m AS MATERIALIZED (
           SELECT h.key AS key, h.s AS s FROM h JOIN documents d ON d.key = h.key >> 20 WHERE ${where.sql})
         SELECT key, s, NULL AS documents FROM (SELECT key, s FROM m ORDER BY s, key LIMIT ?)
         UNION ALL SELECT NULL, NULL, count(DISTINCT key >> 20) FROM m`,
        [plan.rank, ...scopeParams, ...where.params, fetch],
      ) as { key: number | null; s: number | null; documents: number | null }[];
      const counted = rows.pop()!;
      return {
        keys: rows.map((row) => row.key!),
        scores: rows.map((row) => row.s!),
        exact: true,
        documents: counted.documents!,
      };
    }

    const keys = new Set<number>();
    const sorted = [...words].sort((a, b) => a.frequency - b.frequency);
    const rare: QueryWord[] = [];
    let budget = RANK_BUDGET;
    for (const word of sorted) {
      if (word.frequency > budget) break;
      rare.push(word);
      budget -= word.frequency;
    }
    if (rare.length > 0)
      for (const row of ranked(this.expressionOf(plan, rare, 'OR'), plan.filter, fetch)) keys.add(row.key);
    const end = this.windowEnd(plan.rank!, scope, scopeParams);
    const inOrder = (match: string, limit: number): void => {
      const filter = plan.filter;
      const rows = this.all(
        `SELECT h.key AS key FROM (SELECT rowid AS key FROM passages_fts WHERE passages_fts MATCH ?
           AND rowid <= ?${scope}) h
         ${filter.sql !== '1' ? `JOIN documents d ON d.key = h.key >> 20 WHERE ${filter.sql}` : ''}
         LIMIT ?`,
        [match, end, ...scopeParams, ...filter.params, limit],
      ) as { key: number }[];
      for (const row of rows) keys.add(row.key);
    };
    if (words.length > 1) inOrder(this.expressionOf(plan, words, 'AND'), SAMPLE_PASSAGES);
    if (keys.size < fetch) inOrder(plan.rank!, SAMPLE_PASSAGES);
    return { keys: [...keys], exact: false };
  }

  /**
   * The key of the WINDOW_PASSAGES-th passage matching the expression (the end of the index
   * a bounded search reads), as a BigInt for FTS5; the largest key when there are fewer.
   */
  private windowEnd(match: string, scope: string, scopeParams: unknown[]): bigint {
    const row = this.get(
      `SELECT rowid AS key FROM passages_fts WHERE passages_fts MATCH ?${scope} LIMIT 1 OFFSET ${WINDOW_PASSAGES - 1}`,
      [match, ...scopeParams],
    ) as { key: number } | undefined;
    return row ? BigInt(row.key) : BigInt(Number.MAX_SAFE_INTEGER);
  }

  /**
   * The best-scored documents that also meet the conditions a bounded search did not test
   * while collecting candidates (words that must occur somewhere in the document), tested a few
   * documents at a time in score order until `depth` pass.
   */
  private keepMatching(plan: QueryPlan, documents: RankedDocument[], depth: number): RankedDocument[] {
    const checks = plan.checks('each');
    if (checks.sql === '1') return documents.slice(0, depth);
    const kept: RankedDocument[] = [];
    for (let from = 0; from < documents.length && kept.length < depth; from += depth) {
      const batch = documents.slice(from, from + depth);
      const passing = new Set(
        this.all(
          `SELECT d.key AS key FROM documents d WHERE d.key IN (SELECT value FROM json_each(?)) AND ${checks.sql}`,
          [JSON.stringify(batch.map((document) => document.key)), ...checks.params],
        ).map((row) => (row as { key: number }).key),
      );
      for (const document of batch) if (passing.has(document.key) && kept.length < depth) kept.push(document);
    }
    return kept;
  }

  /**
   * The documents matching a driven query, in key order, up to `limit`. Within the budget the
   * whole condition runs over every match; beyond it, documents are read in key order from the
   * first WINDOW_PASSAGES matches and the word conditions tested inside that window only.
   */
  private drivenMatches(
    plan: QueryPlan,
    words: readonly QueryWord[],
    limit: number,
    snapshot: Snapshot,
  ): Matches {
    const scope = plan.passageScope ? ` AND ${plan.passageScope.sql}` : '';
    const scopeParams = plan.passageScope?.params ?? [];
    const cost = this.rankingCost(plan, words, snapshot);
    const bounded = cost > RANK_BUDGET;
    const end = bounded ? this.windowEnd(plan.rank!, scope, scopeParams) : null;
    const where = bounded ? plan.filter : plan.where;
    const keys = (
      this.all(
        `SELECT DISTINCT h.doc AS doc FROM (SELECT rowid >> 20 AS doc FROM passages_fts
           WHERE passages_fts MATCH ?${end !== null ? ' AND rowid <= ?' : ''}${scope}) h
         JOIN documents d ON d.key = h.doc WHERE ${where.sql} LIMIT ?`,
        [plan.rank, ...(end !== null ? [end] : []), ...scopeParams, ...where.params, sqlLimit(limit)],
      ) as { doc: number }[]
    ).map((row) => row.doc);
    let exact = keys.length <= limit;
    if (!exact) keys.length = limit;
    if (end !== null) {
      if (end < BigInt(Number.MAX_SAFE_INTEGER)) exact = false;
      // To the end of the last document read, so its later passages count too.
      const to = ((end >> 20n) + 1n) * BigInt(PASSAGES_PER_DOCUMENT) - 1n;
      const checks = keys.length > 0 ? plan.checks({ from: 0n, to }) : { sql: '1', params: [] };
      if (checks.sql !== '1') {
        const passing = new Set(
          this.all(
            `SELECT d.key AS key FROM documents d WHERE d.key IN (SELECT value FROM json_each(?)) AND ${checks.sql}`,
            [JSON.stringify(keys), ...checks.params],
          ).map((row) => (row as { key: number }).key),
        );
        return { keys: keys.filter((key) => passing.has(key)), exact };
      }
    }
    return { keys, exact };
  }

  /**
   * A page by date of the documents meeting `where`. Every match is known when there are few:
   * those are sorted rather than the date index walked.
   */
  private datePage(
    matches: Matches,
    where: SqlFragment,
    sort: SortOrder,
    limit: number,
    offset: number,
  ): number[] {
    return matches.exact
      ? this.pageOfKeys(matches.keys, sort === 'date-desc', limit, offset)
      : this.filteredPage(where, sort === 'date-desc', limit, offset);
  }

  /**
   * A page of documents matching filters only, by date (undated ones last), then id. Dated ones
   * come from walking the covering date index in order, which stops at the page's last hit; a
   * single ORDER BY with undated ones last would sort every match first (seconds at a million
   * documents for `type:memcon`).
   */
  private filteredPage(where: SqlFragment, descending: boolean, limit: number, offset: number): number[] {
    const dated = (
      this.all(
        `SELECT d.key AS key FROM documents d INDEXED BY documents_by_date
         WHERE d.date_start IS NOT NULL AND (${where.sql})
         ORDER BY d.date_start${descending ? ' DESC' : ''}, d.id LIMIT ? OFFSET ?`,
        [...where.params, limit, offset],
      ) as { key: number }[]
    ).map((row) => row.key);
    if (dated.length === limit) return dated;
    // How many dated documents precede the undated ones: known when this page holds the last of
    // them, else counted.
    const datedTotal =
      dated.length > 0 || offset === 0
        ? offset + dated.length
        : (
            this.get(
              `SELECT count(*) AS n FROM documents d INDEXED BY documents_by_date
               WHERE d.date_start IS NOT NULL AND (${where.sql})`,
              where.params,
            ) as { n: number }
          ).n;
    const undated = (
      this.all(
        `SELECT d.key AS key FROM documents d WHERE d.date_start IS NULL AND (${where.sql})
         ORDER BY d.id LIMIT ? OFFSET ?`,
        [...where.params, limit - dated.length, Math.max(0, offset - datedTotal)],
      ) as { key: number }[]
    ).map((row) => row.key);
    return [...dated, ...undated];
  }

  /** A page of the given documents in the order of `filteredPage`. */
  private pageOfKeys(keys: readonly number[], descending: boolean, limit: number, offset: number): number[] {
    if (keys.length <= offset || limit === 0) return [];
    return (
      this.all(
        `SELECT d.key AS key FROM documents d WHERE d.key IN (SELECT value FROM json_each(?))
         ORDER BY d.date_start IS NULL, d.date_start${descending ? ' DESC' : ''}, d.id LIMIT ? OFFSET ?`,
        [JSON.stringify(keys), limit, offset],
      ) as { key: number }[]
    ).map((row) => row.key);
  }

  /** Documents meeting a condition without words, in key order, up to `limit`. */
  private filteredMatches(where: SqlFragment, limit: number): Matches {
    const keys = (
      this.all(`SELECT d.key AS key FROM documents d WHERE ${where.sql} LIMIT ?`, [
        ...where.params,
        sqlLimit(limit),
      ]) as { key: number }[]
    ).map((row) => row.key);
    const exact = keys.length <= limit;
    if (!exact) keys.length = limit;
    return { keys, exact };
  }

  /**
   * Passages, their average length, and the share of passages with body text, from FTS5's own
   * totals (the share sampled from documents spread over the archive when it is large);
   * refreshed when the index has grown or shrunk by more than 1%. Document frequencies are
   * dropped whenever the index changes.
   */
  private snapshot(): Snapshot {
    const totals = this.ftsTotals();
    const cached = this.snapshotCache;
    if (cached && cached.rows !== totals.rows) this.frequencies.clear();
    if (cached && Math.abs(totals.rows - cached.rows) <= cached.rows * 0.01) {
      if (cached.rows !== totals.rows) this.snapshotCache = { ...cached, rows: totals.rows };
      return this.snapshotCache!;
    }
    const range = this.get(DOCUMENT_KEY_RANGE_SQL, []) as {
      first: number | null;
      last: number | null;
    };
    const firstDocument = range.first ?? 0;
    const lastDocument = range.last ?? 0;
    let bodyShare = 1;
    if (totals.rows <= EXACT_STATS_ROWS) {
      const row = this.get(
        "SELECT count(*) AS n, count(*) FILTER (WHERE kind <> 'heading') AS bodies FROM passages",
        [],
      ) as {
        n: number;
        bodies: number;
      };
      bodyShare = row.n > 0 ? row.bodies / row.n : 1;
    } else {
      const step = (lastDocument - firstDocument) / STATS_SAMPLE_DOCUMENTS;
      const sample = Array.from({ length: STATS_SAMPLE_DOCUMENTS }, (_, i) =>
        Math.round(firstDocument + i * step),
      );
      const row = this.get(
        `SELECT count(*) AS n, count(*) FILTER (WHERE p.kind <> 'heading') AS bodies FROM json_each(?) s
         JOIN passages p ON p.key BETWEEN s.value * ${PASSAGES_PER_DOCUMENT} AND s.value * ${PASSAGES_PER_DOCUMENT} + ${PASSAGES_PER_DOCUMENT - 1}`,
        [JSON.stringify(sample)],
      ) as { n: number; bodies: number };
      if (row.n > 0) bodyShare = row.bodies / row.n;
    }
    const bodies = Math.max(1, Math.round(totals.rows * bodyShare));
    const heads = Math.max(1, totals.rows - bodies);
    const stats: CorpusStats = {
      passages: bodies,
      averageLength: totals.tokens[1]! / bodies + totals.tokens[0]! / heads,
    };
    this.snapshotCache = { rows: totals.rows, stats, firstDocument, lastDocument };
    this.frequencies.clear();
    return this.snapshotCache;
  }

  /** FTS5's averages record: the number of rows, then the tokens in each column. */
  private ftsTotals(): { rows: number; tokens: number[] } {
    const row = this.get('SELECT block FROM passages_fts_data WHERE id = 1', []) as
      { block: Buffer } | undefined;
    const values = row ? varints(row.block) : [];
    return { rows: values[0] ?? 0, tokens: [values[1] ?? 0, values[2] ?? 0, values[3] ?? 0] };
  }

  /**
   * How many passages match the expression in their heading or in their body (the larger),
   * cached until the index changes. Counted up to EXACT_FREQUENCY; beyond, estimated from how
   * far into the documents' key range the count got.
   */
  private documentFrequency(expression: string, snapshot: Snapshot): number {
    const head = this.matchCount(`{head} : (${expression})`, snapshot);
    const body = this.matchCount(`{body} : (${expression})`, snapshot);
    return Math.min(snapshot.stats.passages, Math.max(head, body));
  }

  /** How many passages ranking the query would score: its words' frequencies, or its matches. */
  private rankingCost(plan: QueryPlan, words: readonly QueryWord[], snapshot: Snapshot): number {
    return words.length > 0
      ? words.reduce((sum, word) => sum + word.frequency, 0)
      : this.matchCount(plan.rank!, snapshot);
  }

  /**
   * Passages matching an FTS5 expression, cached until the index changes: counted up to
   * EXACT_FREQUENCY, estimated beyond from how far into the documents' key range the count got.
   */
  private matchCount(expression: string, snapshot: Snapshot): number {
    let count = this.frequencies.get(expression);
    if (count === undefined) {
      const row = this.get(
        `SELECT count(*) AS n, max(key) AS last FROM
           (SELECT rowid AS key FROM passages_fts WHERE passages_fts MATCH ? LIMIT ${EXACT_FREQUENCY})`,
        [expression],
      ) as { n: number; last: number | null };
      count = row.n;
      if (row.n >= EXACT_FREQUENCY && row.last !== null) {
        const reached = Math.floor(row.last / PASSAGES_PER_DOCUMENT) - snapshot.firstDocument + 1;
        const span = snapshot.lastDocument - snapshot.firstDocument + 1;
        count = Math.round((row.n * span) / Math.max(1, reached));
      }
      if (this.frequencies.size >= 100_000) this.frequencies.clear();
      this.frequencies.set(expression, count);
    }
    return count;
  }

  /**
   * Facet counts over the given documents (every match, or the first `countLimit`): document
   * fields counted in one pass, speakers and participants in one statement each.
   */
  private facets(keys: readonly number[]): Record<string, FacetCount[]> {
    const list = JSON.stringify(keys);
    const rows = this.all(
      `SELECT d.type AS type, d.year AS year, d.class_level AS class_level, d.collection_id AS collection_id
       FROM documents d WHERE d.key IN (SELECT value FROM json_each(?))`,
      [list],
    ) as { type: string; year: number | null; class_level: string | null; collection_id: string }[];
    const tally = (values: Iterable<string | null>): FacetCount[] => {
      const counts = new Map<string, number>();
      for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
      return [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
        .slice(0, FACET_VALUES);
    };
    const over = (select: string, joins: string): FacetCount[] =>
      this.all(
        `SELECT ${select} AS value, count(DISTINCT m.value) AS count
         FROM json_each(?) m ${joins} WHERE ${select} IS NOT NULL
         GROUP BY ${select} ORDER BY count DESC, value LIMIT ${FACET_VALUES}`,
        [list],
      ) as FacetCount[];
    return {
      type: tally(rows.map((row) => row.type)),
      decade: tally(rows.map((row) => (row.year === null ? null : `${Math.floor(row.year / 10) * 10}s`))),
      classification: tally(rows.map((row) => row.class_level ?? 'unknown')),
      collection: tally(rows.map((row) => row.collection_id)),
      speaker: over(
        'coalesce(s.name, s.label)',
        `JOIN passage_speakers s ON s.passage BETWEEN m.value * ${PASSAGES_PER_DOCUMENT} AND m.value * ${PASSAGES_PER_DOCUMENT} + ${PASSAGES_PER_DOCUMENT - 1}`,
      ),
      participant: over(
        'n.name',
        'JOIN participants pa ON pa.doc = m.value JOIN participant_names n ON n.id = pa.name_id',
      ),
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
  return {
    ...plan,
    where: { sql: `(${plan.where.sql}) AND ${visible}`, params: plan.where.params },
    filter: { sql: `(${plan.filter.sql}) AND ${visible}`, params: plan.filter.params },
  };
}

/**
 * The whole document condition of a driven plan: a passage the plan ranks (which `where` leaves
 * out, as the ranked passages guarantee it), then `where`. The words' matches are read once per
 * statement, so a walk of the date index tests each document against them cheaply.
 */
function drivenCondition(plan: QueryPlan): SqlFragment {
  const ranked = documentsMatching(plan.rank!, plan.passageScope, 'in');
  return { sql: `${ranked.sql} AND (${plan.where.sql})`, params: [...ranked.params, ...plan.where.params] };
}

/** One more than the limit (to tell "exactly" from "more"), or -1 (SQLite: none) for Infinity. */
function sqlLimit(limit: number): number {
  return Number.isFinite(limit) ? limit + 1 : -1;
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

function rankTerms(words: readonly QueryWord[]): RankTerm[] {
  return words.map((word) => word.term).filter((term): term is RankTerm => term !== null);
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
  const speakers = decodePassageMeta(meta).speakers;
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
