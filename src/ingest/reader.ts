/**
 * What every format reader produces. A reader streams one source file and yields, in order,
 * the collection it belongs to, the persons it lists, then its documents one at a time, so a
 * volume of tens of megabytes never has to sit in memory as a whole.
 */
import type { Collection, Document, Person } from '../records/schema.js';

export type ReaderEvent =
  | { kind: 'collection'; collection: Collection }
  | { kind: 'persons'; persons: Person[] }
  | { kind: 'document'; document: Document };

export interface Reader {
  /** A short name for messages and the collection's `format` field: `frus-tei`, `text`, `pdf` … */
  readonly format: string;
  /** True when this reader can read the file, judged from its first bytes (and name only as a hint). */
  accepts(head: Buffer, path: string): boolean;
  read(path: string): AsyncIterable<ReaderEvent>;
}

/** A file that cannot be read: the message names the file and says what to do. */
export class ReadError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ReadError';
  }
}
