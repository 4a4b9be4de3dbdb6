/**
 * One dispatch by content type: each file goes to the first reader that recognises its bytes.
 *
 * Only the FRUS reader is loaded up front. The others load their libraries (pdf.js, Tesseract,
 * mailparser, chrono, htmlparser2) when the first file of their kind turns up: that took a
 * third of a second off every `declass` command, an ingest of FRUS volumes included.
 */
import { isEmail, isHtml, isImage, isPdf, isPlainTextFile } from './content-type.js';
import { ReadError, type Reader, type ReaderEvent } from './reader.js';
import { frusTeiReader } from './tei-frus/index.js';

/** A reader whose module is imported on its first `read`; `accepts` must not need the module. */
function loadedOnFirstRead(format: string, accepts: Reader['accepts'], load: () => Promise<Reader>): Reader {
  let loading: Promise<Reader> | undefined;
  return {
    format,
    accepts,
    async *read(path: string): AsyncIterable<ReaderEvent> {
      loading ??= load();
      yield* (await loading).read(path);
    },
  };
}

export const defaultReaders: readonly Reader[] = [
  frusTeiReader,
  loadedOnFirstRead('pdf', isPdf, async () => (await import('./pdf/index.js')).pdfReader),
  loadedOnFirstRead('ocr', isImage, async () => (await import('./ocr/index.js')).imageReader),
  loadedOnFirstRead('email', isEmail, async () => (await import('./email/index.js')).emailReader),
  loadedOnFirstRead('html', isHtml, async () => (await import('./html/index.js')).htmlReader),
  loadedOnFirstRead('text', isPlainTextFile, async () => (await import('./text/index.js')).plainTextReader),
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
