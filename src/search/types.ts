/**
 * Search requests and responses, shared by every engine, the CLI and the server.
 */
import type { Classification, DocumentType, PassageKind, SpeakerSpan } from '../records/schema.js';
import type { Viewer } from '../store/visibility.js';
import type { QueryNode } from './ast.js';

export type SortOrder = 'relevance' | 'date-asc' | 'date-desc';

export interface SearchRequest {
  /** The parsed query (see `parseQuery`); engines never see the raw user string. */
  query: QueryNode;
  limit?: number;
  offset?: number;
  sort?: SortOrder;
  /** Ask for facet counts over all matches (type, decade, classification, collection, speakers). */
  facets?: boolean;
  /** Who is asking; unpublished records are left out unless the viewer may see them (default: all). */
  viewer?: Viewer;
  /**
   * Stop counting matching documents at this many (default 1,000; `Infinity` counts them all).
   * Beyond it `total` is a lower bound and `totalExact` is false, and facets count the documents
   * counted so far. Counting every match of a common word in a large archive costs seconds;
   * a results page only needs "more than 1,000". Like Elasticsearch's `track_total_hits`.
   *
   * @example archive.search({ query, limit: 1, countLimit: Infinity }) // an exact total
   */
  countLimit?: number;
}

export interface PassageHit {
  documentId: string;
  ordinal: number;
  kind: PassageKind;
  /** `<doc-id>#p<ordinal>`: the stable passage link. */
  link: string;
  /** Passage text with matches wrapped in the engine-independent markers «« and »». */
  snippet: string;
  score: number;
  speakers: SpeakerSpan[];
}

export interface DocumentHit {
  documentId: string;
  collectionId: string;
  title: string;
  type: DocumentType;
  date: string | null;
  classification: Classification;
  score: number;
  passages: PassageHit[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResponse {
  /** Documents matching; a lower bound when `totalExact` is false. */
  total: number;
  /**
   * False when counting stopped at the request's `countLimit`: at least `total` documents match,
   * and every facet count is a lower bound too ("≥ n"). Absent or true: exact.
   */
  totalExact?: boolean;
  /**
   * False when the query's words were too common in this archive to score every matching
   * passage within the time budget: the hits are then the best-scored of a bounded set of
   * candidates (passages with the rarer words, passages with every word, the first matches in
   * index order), not necessarily the best of all matches. Absent or true: exact ranking.
   */
  rankingExact?: boolean;
  hits: DocumentHit[];
  facets?: Record<string, FacetCount[]>;
  tookMs: number;
}
