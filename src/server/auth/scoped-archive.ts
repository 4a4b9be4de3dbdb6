/**
 * The archive as the HTTP routes see it: every read carries the current request's viewer, so
 * an embargoed record cannot reach a route by forgetting a check, and writes are refused (the
 * account routes that publish use the engine itself, after checking the role).
 */
import type { Collection, Document, Person } from '../../records/schema.js';
import type { SearchRequest, SearchResponse } from '../../search/types.js';
import type { Account, AccountStore } from '../../store/accounts.js';
import type {
  Archive,
  ArchiveStats,
  AuditEntry,
  PublishResult,
  PutOutcome,
  SourceFileRecord,
} from '../../store/archive.js';
import { currentViewer } from './viewer-context.js';

export class ViewerScopedArchive implements Archive {
  constructor(private readonly archive: Archive) {}

  getDocument(id: string): Promise<Document | null> {
    return this.archive.getDocument(id, currentViewer());
  }
  getCollection(id: string): Promise<Collection | null> {
    return this.archive.getCollection(id, currentViewer());
  }
  listCollections(): Promise<Collection[]> {
    return this.archive.listCollections(currentViewer());
  }
  getPerson(id: string): Promise<Person | null> {
    return this.archive.getPerson(id, currentViewer());
  }
  listPersons(collectionId?: string): Promise<Person[]> {
    return this.archive.listPersons(collectionId, currentViewer());
  }
  listDocumentIds(collectionId?: string): Promise<string[]> {
    return this.archive.listDocumentIds(collectionId, currentViewer());
  }
  search(request: SearchRequest): Promise<SearchResponse> {
    // The request's own viewer is ignored: only the authenticated one counts.
    return this.archive.search({ ...request, viewer: currentViewer() });
  }
  stats(): Promise<ArchiveStats> {
    return this.archive.stats(currentViewer());
  }
  getSourceFile(): Promise<SourceFileRecord | null> {
    return refused();
  }
  putCollection(): Promise<void> {
    return refused();
  }
  putDocument(): Promise<PutOutcome> {
    return refused();
  }
  removeDocumentsOfSource(): Promise<number> {
    return refused();
  }
  putSourceFile(): Promise<void> {
    return refused();
  }
  setPublished(): Promise<PublishResult> {
    return refused();
  }
  auditLog(): Promise<AuditEntry[]> {
    return refused();
  }
  get accounts(): AccountStore {
    return refusedAccounts;
  }
  /** The server owns the engine and closes it; a route cannot. */
  async close(): Promise<void> {}
}

function refused(): Promise<never> {
  return Promise.reject(new Error('the HTTP routes read the archive through a read-only view.'));
}

const refusedAccounts: AccountStore = {
  addUser: refused,
  getUser: refused,
  listUsers: refused,
  addToken: refused,
  findUserByToken: refused as () => Promise<Account | null>,
  addSession: refused,
  findSession: refused,
  deleteSession: refused,
};
