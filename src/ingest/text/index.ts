/**
 * Plain-text records: a memo header (title line, SUBJECT, PARTICIPANTS, DATE/TIME/PLACE)
 * followed by paragraphs, where "Name: words" paragraphs are dialogue turns.
 *
 * A loose text file has no collection of its own, so its folder stands for one: the file
 * samples/clinton-putin-2000/memcon-excerpts.txt becomes document `clinton-putin-2000/memcon-excerpts`.
 */
import { readFile } from 'node:fs/promises';
import { readMemoHeader } from '../../extract/memo-header.js';
import type { Document, Participant, Passage } from '../../records/schema.js';
import { isPlainTextFile } from '../content-type.js';
import { fileStem, folderCollection, looseDocumentId, sha256 } from '../loose-file.js';
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
  accepts: isPlainTextFile,
  read: readPlainText,
};

export async function* readPlainText(path: string): AsyncIterable<ReaderEvent> {
  const raw = await readFile(path, 'utf8');
  const text = raw.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new ReadError(path, 'the file holds no text.');
  const collection = folderCollection(path, 'text');
  yield { kind: 'collection', collection };
  yield { kind: 'document', document: parseTextRecord(text, path, collection.id) };
}

export function parseTextRecord(text: string, path: string, collectionId: string): Document {
  const header = readMemoHeader(text);
  const stem = fileStem(path);
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
    id: looseDocumentId(path, collectionId),
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
    contentHash: sha256(text),
    published: true,
  };
}
