/**
 * The shapes the API answers with, for the web UI and other TypeScript clients. The JSON
 * schemas in schemas.ts describe the same shapes for validation and the OpenAPI document.
 */
import type { Collection, Passage } from '../records/schema.js';
import type { DocumentHit, FacetCount } from '../search/types.js';

export type { Citation, CslItem, NoteSegment } from '../publish/citation.js';

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For a query syntax error: where the query broke (0-based character offset). */
  position?: number;
}

export interface SearchApiResponse {
  query: string;
  total: number;
  /** False: counting stopped early, `total` and the facet counts are lower bounds. */
  totalExact: boolean;
  /** False: the hits are the best of a bounded set of candidates (very common words). */
  rankingExact: boolean;
  limit: number;
  offset: number;
  hits: DocumentHit[];
  facets?: Record<string, FacetCount[]>;
  tookMs: number;
}

export interface PassageApiResponse {
  documentId: string;
  title: string;
  link: string;
  passage: Passage;
  footnotes: Passage[];
}

export interface CollectionSummary {
  collection: Collection;
  documents: number;
}

export type {
  PersonDocumentHit as PersonDocument,
  PersonProfile as PersonPage,
  PersonRole,
} from '../search/person-profile.js';

export interface TimelineBucket {
  period: string;
  count: number;
}

export interface Timeline {
  query: string;
  by: 'year' | 'month';
  total: number;
  undated: number;
  buckets: TimelineBucket[];
}
