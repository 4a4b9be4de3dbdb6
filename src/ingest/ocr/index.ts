/**
 * Scanned records: a page image (PNG, JPEG, TIFF) read by OCR, its words laid out into lines
 * as on the page, then read like any untagged record (banners, stamp, header, turns).
 */
import { readFile, stat } from 'node:fs/promises';
import { buildUntaggedRecord } from '../../extract/untagged-record.js';
import { isImage } from '../content-type.js';
import { layoutLines } from '../layout/lines.js';
import { checkFileSize, checkImagePixels, limitsWith, withTimeLimit, type ReadLimits } from '../limits.js';
import { fileStem, folderCollection, looseDocumentId, sha256 } from '../loose-file.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';
import { recognizePage } from './engine.js';
import { imageSize } from './image-size.js';

export { recognizePage, stopWorker } from './engine.js';

/** Pages whose words OCR is this unsure of (mean confidence, 0–100) are flagged in the error. */
const MIN_CONFIDENCE = 30;

export function createImageReader(limits: ReadLimits = limitsWith()): Reader {
  return {
    format: 'ocr',
    accepts: isImage,
    read: (path) => readImage(path, limits),
  };
}

export const imageReader: Reader = createImageReader();

export async function* readImage(
  path: string,
  limits: ReadLimits = limitsWith(),
): AsyncIterable<ReaderEvent> {
  checkFileSize(path, (await stat(path)).size, limits);
  const data = await readFile(path);
  const lines = await withTimeLimit(path, limits, (signal) => ocrImageLines(path, data, limits, signal));
  if (lines.length === 0) {
    throw new ReadError(
      path,
      'OCR found no text in the image; check that it is a page of a record, scanned upright.',
    );
  }
  const collection = folderCollection(path, 'ocr');
  yield { kind: 'collection', collection };
  yield {
    kind: 'document',
    document: buildUntaggedRecord({
      id: looseDocumentId(path, collection.id),
      collectionId: collection.id,
      sourcePath: path,
      contentHash: sha256(data),
      pages: [{ page: '1', lines }],
      fallbackTitle: fileStem(path),
    }),
  };
}

/** The lines of one page image, after its declared size is checked against the pixel limit. */
export async function ocrImageLines(
  path: string,
  data: Buffer,
  limits: ReadLimits,
  signal: AbortSignal,
  what = 'the image',
): Promise<string[]> {
  if (data.length === 0)
    throw new ReadError(path, `${what} is empty (0 bytes); replace it with the scanned page.`);
  const size = imageSize(data);
  if (!size)
    throw new ReadError(
      path,
      `${what} is damaged: its header gives no width and height; replace it with a good copy.`,
    );
  checkImagePixels(path, size.width, size.height, limits, what);
  let page;
  try {
    page = await recognizePage(data, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ReadError(
      path,
      `OCR could not read ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (page.words.length > 0 && page.confidence < MIN_CONFIDENCE) {
    throw new ReadError(
      path,
      `OCR found no legible text in ${what} (mean confidence ${page.confidence.toFixed(0)}%); ` +
        'rescan it at 300 dpi or check that it is a page of text.',
    );
  }
  return layoutLines(page.words);
}
