/**
 * One dispatch by content type: each file goes to the first reader that recognises its bytes.
 */
import { emailReader } from './email/index.js';
import { htmlReader } from './html/index.js';
import { imageReader } from './ocr/index.js';
import { pdfReader } from './pdf/index.js';
import { ReadError, type Reader } from './reader.js';
import { frusTeiReader } from './tei-frus/index.js';
import { plainTextReader } from './text/index.js';

export const defaultReaders: readonly Reader[] = [
  frusTeiReader,
  pdfReader,
  imageReader,
  emailReader,
  htmlReader,
  plainTextReader,
];

/** Picks the reader for a file, or throws a ReadError that says why none fits. */
export function chooseReader(readers: readonly Reader[], head: Buffer, path: string): Reader {
  if (head.length === 0) {
    throw new ReadError(path, 'the file is empty (0 bytes); remove it or replace it with the full record.');
  }
  const reader = readers.find((candidate) => candidate.accepts(head, path));
  if (reader) return reader;
  if (looksBinary(head)) {
    throw new ReadError(
      path,
      'binary content that no reader recognises; supported formats: ' +
        `${readers.map((r) => r.format).join(', ')}.`,
    );
  }
  throw new ReadError(
    path,
    `not a format Declass can read (supported: ${readers.map((r) => r.format).join(', ')}).`,
  );
}

function looksBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  let control = 0;
  for (const byte of head) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  return control > head.length * 0.1;
}
