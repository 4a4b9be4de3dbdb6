/**
 * HTML records (a document page saved from a reading room, a FOIA library's HTML release):
 * the page's readable text read like any untagged record.
 */
import { readFile, stat } from 'node:fs/promises';
import { buildUntaggedRecord } from '../../extract/untagged-record.js';
import { isHtml } from '../content-type.js';
import { checkFileSize, limitsWith, type ReadLimits } from '../limits.js';
import { fileStem, folderCollection, looseDocumentId, sha256 } from '../loose-file.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';
import { htmlToLines } from './text.js';

export { htmlToLines } from './text.js';

export function createHtmlReader(limits: ReadLimits = limitsWith()): Reader {
  return {
    format: 'html',
    accepts: isHtml,
    read: (path) => readHtml(path, limits),
  };
}

export const htmlReader: Reader = createHtmlReader();

export async function* readHtml(path: string, limits: ReadLimits = limitsWith()): AsyncIterable<ReaderEvent> {
  checkFileSize(path, (await stat(path)).size, limits);
  const data = await readFile(path);
  const { title, lines } = htmlToLines(data.toString('utf8'));
  if (lines.length === 0) throw new ReadError(path, 'the HTML page holds no readable text.');
  const collection = folderCollection(path, 'html');
  yield { kind: 'collection', collection };
  yield {
    kind: 'document',
    document: buildUntaggedRecord({
      id: looseDocumentId(path, collection.id),
      collectionId: collection.id,
      sourcePath: path,
      contentHash: sha256(data),
      pages: [{ page: '1', lines }],
      fallbackTitle: title ?? fileStem(path),
    }),
  };
}
