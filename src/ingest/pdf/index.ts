/**
 * PDF records. Each page's text layer is read with pdf.js and its pieces laid out into lines;
 * a page without a text layer (a scan) is rendered and read by OCR. The page number stays
 * with every line, so passages know their page and the document keeps its page breaks.
 */
import { readFile, stat } from 'node:fs/promises';
import type { PageLines } from '../../extract/untagged-record.js';
import { buildUntaggedRecord } from '../../extract/untagged-record.js';
import { isPdf } from '../content-type.js';
import { layoutLines } from '../layout/lines.js';
import {
  checkFileSize,
  checkImagePixels,
  checkPageCount,
  limitsWith,
  withTimeLimit,
  type ReadLimits,
} from '../limits.js';
import { fileStem, folderCollection, looseDocumentId, sha256 } from '../loose-file.js';
import { ocrImageLines } from '../ocr/index.js';
import { OCR_DPI, renderPdfPage } from '../ocr/render.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';
import { checkPdfBytes } from './inspect.js';
import { openPdf, pageTextPieces } from './text-layer.js';

/** A page with fewer letters than this in its text layer is treated as a scan. */
const MIN_TEXT_LAYER_LETTERS = 20;

export function createPdfReader(limits: ReadLimits = limitsWith()): Reader {
  return { format: 'pdf', accepts: (head) => isPdf(head), read: (path) => readPdf(path, limits) };
}

export const pdfReader: Reader = createPdfReader();

export async function* readPdf(path: string, limits: ReadLimits = limitsWith()): AsyncIterable<ReaderEvent> {
  checkFileSize(path, (await stat(path)).size, limits);
  const data = await readFile(path);
  checkPdfBytes(path, data, limits);
  const { pages, ocrPages } = await withTimeLimit(path, limits, (signal) =>
    readPages(path, data, limits, signal),
  );
  if (pages.every((page) => page.lines.length === 0)) {
    throw new ReadError(
      path,
      `the PDF holds no text: ${ocrPages} page(s) went through OCR and none gave words; check that it is a record.`,
    );
  }
  const collection = folderCollection(path, 'pdf');
  yield { kind: 'collection', collection };
  yield {
    kind: 'document',
    document: buildUntaggedRecord({
      id: looseDocumentId(path, collection.id),
      collectionId: collection.id,
      sourcePath: path,
      contentHash: sha256(data),
      pages,
      fallbackTitle: fileStem(path),
    }),
  };
}

/** Every page as lines: from the text layer when it has one, else from OCR of the rendered page. */
async function readPages(
  path: string,
  data: Buffer,
  limits: ReadLimits,
  signal: AbortSignal,
): Promise<{ pages: PageLines[]; ocrPages: number }> {
  const pdf = await openPdf(path, data);
  try {
    checkPageCount(path, pdf.numPages, limits);
    const pages: PageLines[] = [];
    let ocrPages = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      signal.throwIfAborted();
      const page = await pdf.getPage(number);
      const { pieces, width, height } = await pageTextPieces(page);
      const letters = pieces.reduce((sum, piece) => sum + (piece.text.match(/\p{L}/gu)?.length ?? 0), 0);
      let lines: string[];
      if (letters >= MIN_TEXT_LAYER_LETTERS) {
        lines = layoutLines(pieces);
      } else {
        const scale = OCR_DPI / 72;
        const what = `page ${number} (rendered at ${OCR_DPI} dpi)`;
        checkImagePixels(path, Math.ceil(width * scale), Math.ceil(height * scale), limits, what);
        lines = await ocrImageLines(path, await renderPdfPage(path, number, signal), limits, signal, what);
        ocrPages++;
      }
      page.cleanup();
      pages.push({ page: String(number), lines });
    }
    return { pages, ocrPages };
  } finally {
    await pdf.destroy();
  }
}
