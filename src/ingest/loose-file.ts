/**
 * A loose record — a PDF, a scan, a web page, an e-mail — has no collection of its own, so its
 * folder stands for one (as for plain text): releases/foia-2004/memo.pdf becomes document
 * `foia-2004/memo` in collection `foia-2004`.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, extname } from 'node:path';
import type { Collection } from '../records/schema.js';

export function folderCollection(path: string, format: string): Collection {
  const folder = basename(dirname(path));
  return {
    id: slug(folder) || format,
    title: folder,
    series: null,
    subseries: null,
    volumeNumber: null,
    volumeTitle: null,
    editors: [],
    publishedYear: null,
    publisher: null,
    format,
    sourcePath: dirname(path),
    published: true,
  };
}

/** `<collection>/<file name without extension>`, slugged so it is safe in a link. */
export function looseDocumentId(path: string, collectionId: string): string {
  return `${collectionId}/${slug(basename(path, extname(path))) || 'document'}`;
}

/** The file name without extension: the title of last resort. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
