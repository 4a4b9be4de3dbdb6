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
  total: number;
  hits: DocumentHit[];
  facets?: Record<string, FacetCount[]>;
  tookMs: number;
}
