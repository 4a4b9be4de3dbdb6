/**
 * Plain-text records: a memo header (title line, SUBJECT, PARTICIPANTS, DATE/TIME/PLACE)
 * followed by paragraphs, where "Name: words" paragraphs are dialogue turns.
 *
 * A loose text file has no collection of its own, so its folder stands for one: the file
 * samples/clinton-putin-2000/memcon-excerpts.txt becomes document `clinton-putin-2000/memcon-excerpts`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { readMemoHeader } from '../../extract/memo-header.js';
import type { Collection, Document, Participant, Passage } from '../../records/schema.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';

/** "The President:", "Putin:", "Mr. Kissinger:", "K:" at the start of a paragraph. */
const TURN_LABEL = /^((?:The |Mr\. |Mrs\. |Ms\. |Dr\. )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):\s+/;
const CLASSIFICATION_LEVELS = [
  'TOP SECRET',
  'SECRET',
  'CONFIDENTIAL',
  'LIMITED OFFICIAL USE',
  'OFFICIAL USE ONLY',
  'UNCLASSIFIED',
] as const;

export const plainTextReader: Reader = {
  format: 'text',
  accepts(head, path) {
    if (!/\.(txt|text)$/i.test(path)) return false;
    const sample = head.toString('utf8');
    return !sample.includes('\u0000') && !sample.includes('\uFFFD');
  },
  read: readPlainText,
};

export async function* readPlainText(path: string): AsyncIterable<ReaderEvent> {
  const raw = await readFile(path, 'utf8');
  const text = raw.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new ReadError(path, 'the file holds no text.');
  const collectionId = slug(basename(dirname(path))) || 'text';
  const collection: Collection = {
    id: collectionId,
    title: basename(dirname(path)),
    series: null,
    subseries: null,
    volumeNumber: null,
    volumeTitle: null,
    editors: [],
    publishedYear: null,
    publisher: null,
    format: 'text',
    sourcePath: dirname(path),
    published: true,
  };
  yield { kind: 'collection', collection };
  yield { kind: 'document', document: parseTextRecord(text, path, collectionId) };
}

export function parseTextRecord(text: string, path: string, collectionId: string): Document {
  const header = readMemoHeader(text);
  const stem = basename(path, extname(path));
  const passages: Passage[] = [];
  // Turns keep their label ("The President: …") in the text, as FRUS prints them; speaker
  // attribution reads the label and resolves it by the document's date and participants.
  const add = (kind: Passage['kind'], passageText: string) => {
    passages.push({
      ordinal: passages.length + 1,
      kind,
      text: passageText,
      noteNumber: null,
      anchor: null,
      page: null,
      speakers: [],
    });
  };
  if (header.title) add('heading', header.title);
  for (const block of text.slice(header.bodyStart).split(/\n\s*\n/)) {
    const folded = block.replace(/\s+/g, ' ').trim();
    // "[...]" marks an omission between excerpts; it carries no words of its own.
    if (folded === '' || /^\[\s*(?:\.\s*){3}\]$|^\[…\]$/.test(folded)) continue;
    add(TURN_LABEL.test(folded) ? 'turn' : 'paragraph', folded);
  }
  const participants: Participant[] = header.participants.map((label) => ({
    name: label,
    personId: null,
    role: 'participant',
    description: null,
    label,
  }));
  const printedClassification = header.classificationPrinted;
  const level = printedClassification
    ? (CLASSIFICATION_LEVELS.find((l) => printedClassification.toUpperCase().includes(l)) ?? null)
    : null;
  return {
    id: `${collectionId}/${slug(stem)}`,
    collectionId,
    number: null,
    title: header.subject ?? header.title ?? stem,
    type: header.type ?? (passages.some((p) => p.kind === 'turn') ? 'memcon' : 'other'),
    date: header.date,
    datePrinted: header.datePrinted,
    time: header.time,
    place: header.place,
    subject: header.subject,
    classification: { level, caveats: [], printed: printedClassification },
    declassification: null,
    sourceNote: null,
    participants,
    passages,
    redactions: [],
    mentions: [],
    links: [],
    pageBreaks: [],
    sourcePath: path,
    contentHash: createHash('sha256').update(text).digest('hex'),
    published: true,
  };
}

function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
