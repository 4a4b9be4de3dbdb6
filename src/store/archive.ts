/**
 * The Archive: what every storage engine (SQLite by default, PostgreSQL for a shared server)
 * offers to ingest, search, the CLI and the server. Engines receive parsed queries only.
 */
import type { Collection, Document, Person } from '../records/schema.js';
import type { SearchRequest, SearchResponse } from '../search/types.js';
import type { AccountStore } from './accounts.js';
import type { Viewer } from './visibility.js';

export type { Viewer } from './visibility.js';

export type PutOutcome = 'added' | 'updated' | 'unchanged';

export interface SourceFileRecord {
  path: string;
  sha256: string;
  collectionId: string | null;
  documents: number;
  /** Set once every document of the file is stored; an interrupted ingest leaves it false. */
  complete: boolean;
}

export interface ArchiveStats {
  documents: number;
  passages: number;
  persons: number;
  collections: { id: string; title: string; documents: number }[];
  types: Record<string, number>;
  classifications: Record<string, number>;
  decades: Record<string, number>;
  redactions: number;
}

/** What a publish or unpublish call changed. */
export interface PublishResult {
  kind: 'collection' | 'document';
  id: string;
  published: boolean;
  /** False when the record already was in that state (the act is still written to the audit log). */
  changed: boolean;
}

/** One line of the audit log: who published or unpublished what, and when. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: 'publish' | 'unpublish';
  kind: 'collection' | 'document';
  target: string;
}

/**
 * Every read takes an optional Viewer: without one the caller sees every record (the CLI and
 * ingest work on their own archive); the server always passes one, so an anonymous reader never
 * sees an unpublished (embargoed) document or collection, nor anything derived from it.
 */
export interface Archive {
  /** Insert or replace a collection and its persons list (one transaction). */
  putCollection(collection: Collection, persons: Person[]): Promise<void>;
  /**
   * Store one document in one transaction, keyed by id and content hash: the same hash
   * changes nothing; a different hash replaces the document and all its passages atomically.
   */
  putDocument(document: Document): Promise<PutOutcome>;
  /**
   * Store several documents in one transaction (all or none), each replaced as a whole as by
   * `putDocument`. Optional: an engine without it gets one `putDocument` per document.
   */
  putDocuments?(documents: readonly Document[]): Promise<PutOutcome[]>;
  /** Delete documents that a source file no longer contains; returns how many were deleted. */
  removeDocumentsOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number>;
  getSourceFile(path: string): Promise<SourceFileRecord | null>;
  putSourceFile(record: SourceFileRecord): Promise<void>;
  /**
   * Housekeeping after an ingest changed the archive (fresh planner statistics, cleaned-up
   * rows), so that searches right after a bulk load do not meet the engine doing it on its own
   * in the middle of serving. Optional.
   */
  afterIngest?(): Promise<void>;

  /** A document is visible when it and its collection are published (or the viewer may see both). */
  getDocument(id: string, viewer?: Viewer): Promise<Document | null>;
  getCollection(id: string, viewer?: Viewer): Promise<Collection | null>;
  listCollections(viewer?: Viewer): Promise<Collection[]>;
  /** Persons are visible with their collection. */
  getPerson(id: string, viewer?: Viewer): Promise<Person | null>;
  listPersons(collectionId?: string, viewer?: Viewer): Promise<Person[]>;
  /** Ids of every stored document, in id order (used by evaluation and export). */
  listDocumentIds(collectionId?: string, viewer?: Viewer): Promise<string[]>;

  /** Honours `request.viewer`: hidden documents never count, rank, facet or snippet. */
  search(request: SearchRequest): Promise<SearchResponse>;
  stats(viewer?: Viewer): Promise<ArchiveStats>;

  /**
   * Publishes or embargoes a collection (with all its documents) or one document, by id, and
   * writes the act to the audit log in the same transaction. Re-ingesting keeps the state.
   */
  setPublished(targetId: string, published: boolean, actor: string): Promise<PublishResult>;
  /** The audit log, newest first. */
  auditLog(limit?: number): Promise<AuditEntry[]>;
  /** Users, API tokens and sessions (hashes only). */
  readonly accounts: AccountStore;

  close(): Promise<void>;
}
