/**
 * The ingest pipeline: files → reader → enrichers → archive.
 *
 * Documents are stored whole, keyed by content hash, in small batches (one transaction each),
 * so an interrupted run can simply be run again: stored documents come back `unchanged` and
 * the rest are added; a batch cut off by a crash is stored on the next run. A file is marked
 * complete only after all its documents are stored, and documents that a changed file no
 * longer holds are removed at that point.
 */
import { createHash } from 'node:crypto';
import type { Collection, Document, Person } from '../records/schema.js';
import type { Archive, PutOutcome } from '../store/archive.js';
import { readEnriched } from './enriched-read.js';
import { expandPaths, fingerprintFile } from './files.js';
import { ReadError, type Reader } from './reader.js';
import { defaultReaders } from './registry.js';

/**
 * Bumped whenever readers or extractors change what they produce, so that files ingested by
 * an older pipeline are read again instead of being skipped as unchanged.
 */
export const PIPELINE_VERSION = '1';

/**
 * A batch is committed at whichever limit comes first. Larger batches write fewer, larger
 * full-text segments (the main ingest cost); these keep a batch well under a second of work.
 */
const BATCH_DOCUMENTS = 100;
const BATCH_CHARACTERS = 2_000_000;

export interface EnrichContext {
  collection: Collection;
  persons: readonly Person[];
}

/** A step after reading: speaker attribution, entity linking… Pure: document in, document out. */
export type Enricher = (document: Document, context: EnrichContext) => Document;

export interface FileFailure {
  path: string;
  reason: string;
  /** Documents of this file that were stored before it failed (each is complete and valid). */
  documentsStored: number;
}

export interface IngestSummary {
  files: number;
  collections: { id: string; title: string; documents: number }[];
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: FileFailure[];
  seconds: number;
}

export interface IngestProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  documents: number;
}

export interface IngestOptions {
  readers?: readonly Reader[];
  enrichers?: readonly Enricher[];
  /**
   * Store new collections and documents embargoed (unpublished), so records that are not yet
   * public are never visible, not even between ingest and an `unpublish`. Records already in
   * the archive keep their state.
   */
  unpublished?: boolean;
  onProgress?: (progress: IngestProgress) => void;
}

export async function ingestPaths(
  archive: Archive,
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const readers = options.readers ?? defaultReaders;
  const enrichers = options.enrichers ?? [];
  const { files, missing } = await expandPaths(paths);
  const summary: IngestSummary = {
    files: files.length,
    collections: [],
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    failed: missing.map((path) => ({
      path,
      reason: 'no such file or folder; check the path.',
      documentsStored: 0,
    })),
    seconds: 0,
  };
  const collectionCounts = new Map<string, { id: string; title: string; documents: number }>();
  let documents = 0;

  for (const [index, path] of files.entries()) {
    const progress = () =>
      options.onProgress?.({ file: path, filesDone: index, filesTotal: files.length, documents });
    progress();
    let storedFromFile = 0;
    try {
      const fingerprint = await fingerprintFile(path, PIPELINE_VERSION);
      const known = await archive.getSourceFile(path);
      if (known && known.complete && known.sha256 === fingerprint) {
        summary.unchanged += known.documents;
        documents += known.documents;
        if (known.collectionId)
          countCollection(await archive.getCollection(known.collectionId), known.documents);
        continue;
      }
      let collection: Collection | null = null;
      let persons: Person[] = [];
      let collectionStored = false;
      const seen = new Set<string>();
      const batch = new PendingBatch();
      const record = (outcomes: readonly PutOutcome[]) => {
        for (const outcome of outcomes) count(summary, outcome);
        storedFromFile += outcomes.length;
        documents += outcomes.length;
        progress();
      };
      let storeFailed = false;
      const flush = async () => {
        try {
          record(await storeBatch(archive, batch.take()));
        } catch (error) {
          storeFailed = true;
          if (!(error instanceof PartialStore)) throw error;
          record(error.stored);
          throw error.cause;
        }
      };
      // One batch is stored while the next is read: an engine that writes on another thread
      // (or server) overlaps the two; one that writes in place has finished on return anyway.
      let storing: Promise<void> = Promise.resolve();
      const startFlush = async () => {
        await storing;
        storing = flush();
        // Awaited at the next batch or the end of the file; not an unhandled rejection meanwhile.
        storing.catch(() => undefined);
      };
      try {
        for await (const event of readEnriched(path, readers, enrichers)) {
          if (event.kind === 'collection') {
            collection = options.unpublished ? { ...event.collection, published: false } : event.collection;
            collectionStored = false;
          } else if (event.kind === 'persons') {
            persons = event.persons;
            collectionStored = false;
          } else {
            if (!collection)
              throw new ReadError(path, 'the reader produced a document before its collection.');
            if (!collectionStored) {
              await archive.putCollection(collection, persons);
              collectionStored = true;
            }
            const document = {
              ...event.document,
              contentHash: versionedHash(event.document.contentHash),
              published: options.unpublished ? false : event.document.published,
            };
            if (seen.has(document.id)) {
              throw new ReadError(path, `document id ${document.id} occurs twice in the file.`);
            }
            seen.add(document.id);
            if (batch.add(document)) await startFlush();
          }
        }
      } catch (error) {
        // Documents read before a file breaks are good and complete: keep them. The reader's
        // error is the one to report, so a failure to store them is not allowed to mask it.
        // After a failed store nothing more is stored: the documents kept are those before it.
        await storing.catch(() => undefined);
        if (!storeFailed && batch.size > 0) await flush().catch(() => undefined);
        throw error;
      }
      await storing;
      if (batch.size > 0) await flush();
      if (collection && !collectionStored) await archive.putCollection(collection, persons);
      if (!collection) throw new ReadError(path, 'no collection or documents were found in the file.');
      summary.removed += await archive.removeDocumentsOfSource(path, seen);
      await archive.putSourceFile({
        path,
        sha256: fingerprint,
        collectionId: collection.id,
        documents: seen.size,
        complete: true,
      });
      countCollection(collection, seen.size);
    } catch (error) {
      summary.failed.push({ path, reason: describeFailure(path, error), documentsStored: storedFromFile });
    }
  }
  if (summary.added + summary.updated + summary.removed > 0) await archive.afterIngest?.();
  options.onProgress?.({ file: '', filesDone: files.length, filesTotal: files.length, documents });
  summary.collections = [...collectionCounts.values()];
  summary.seconds = (performance.now() - started) / 1000;
  return summary;

  function countCollection(collection: Collection | null, documentCount: number): void {
    if (!collection) return;
    const entry = collectionCounts.get(collection.id) ?? {
      id: collection.id,
      title: collection.title,
      documents: 0,
    };
    entry.documents += documentCount;
    collectionCounts.set(collection.id, entry);
  }
}

class PendingBatch {
  private documents: Document[] = [];
  private characters = 0;

  get size(): number {
    return this.documents.length;
  }

  /** Adds a document; true when the batch is full and should be stored. */
  add(document: Document): boolean {
    this.documents.push(document);
    for (const passage of document.passages) this.characters += passage.text.length;
    return this.documents.length >= BATCH_DOCUMENTS || this.characters >= BATCH_CHARACTERS;
  }

  take(): Document[] {
    const taken = this.documents;
    this.documents = [];
    this.characters = 0;
    return taken;
  }
}

/**
 * One transaction for the batch when the engine offers it. If the batch fails, its documents
 * are stored one by one, so every document before the faulty one is kept and the error names
 * the document that caused it.
 */
async function storeBatch(archive: Archive, documents: readonly Document[]): Promise<PutOutcome[]> {
  if (archive.putDocuments && documents.length > 1) {
    try {
      return await archive.putDocuments(documents);
    } catch {
      // Fall through: find the faulty document one at a time.
    }
  }
  const outcomes: PutOutcome[] = [];
  for (const document of documents) {
    try {
      outcomes.push(await archive.putDocument(document));
    } catch (error) {
      throw new PartialStore(outcomes, error);
    }
  }
  return outcomes;
}

/** A batch stored up to a faulty document: what was stored, and why the rest was not. */
class PartialStore extends Error {
  constructor(
    readonly stored: readonly PutOutcome[],
    override readonly cause: unknown,
  ) {
    super('a batch was stored in part');
  }
}

function count(summary: IngestSummary, outcome: PutOutcome): void {
  summary[outcome]++;
}

function versionedHash(sourceHash: string): string {
  return createHash('sha256').update(PIPELINE_VERSION).update('\0').update(sourceHash).digest('hex');
}

function describeFailure(path: string, error: unknown): string {
  if (error instanceof ReadError)
    return error.message.startsWith(path) ? error.message.slice(path.length + 2) : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
