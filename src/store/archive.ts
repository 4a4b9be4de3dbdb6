/**
 * The Archive: what every storage engine (SQLite by default, PostgreSQL for a shared server)
 * offers to ingest, search, the CLI and the server. Engines receive parsed queries only.
 */
import type { Collection, Document, Person } from '../records/schema.js';
import type { SearchRequest, SearchResponse } from '../search/types.js';

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

export interface Archive {
  /** Insert or replace a collection and its persons list (one transaction). */
  putCollection(collection: Collection, persons: Person[]): Promise<void>;
  /**
   * Store one document in one transaction, keyed by id and content hash: the same hash
   * changes nothing; a different hash replaces the document and all its passages atomically.
   */
  putDocument(document: Document): Promise<PutOutcome>;
  /** Delete documents that a source file no longer contains; returns how many were deleted. */
  removeDocumentsOfSource(sourcePath: string, keepIds: ReadonlySet<string>): Promise<number>;
  getSourceFile(path: string): Promise<SourceFileRecord | null>;
  putSourceFile(record: SourceFileRecord): Promise<void>;

  getDocument(id: string): Promise<Document | null>;
  getCollection(id: string): Promise<Collection | null>;
  listCollections(): Promise<Collection[]>;
  getPerson(id: string): Promise<Person | null>;
  listPersons(collectionId?: string): Promise<Person[]>;
  /** Ids of every stored document, in id order (used by evaluation and export). */
  listDocumentIds(collectionId?: string): Promise<string[]>;

  search(request: SearchRequest): Promise<SearchResponse>;
  stats(): Promise<ArchiveStats>;
  close(): Promise<void>;
}
