/**
 * BEIR-format corpora (`corpus.jsonl`: one `{"_id", "title", "text"}` object a line), read
 * through the normal pipeline so retrieval benchmarks measure the real search path. Each
 * entry becomes a document of type `other` with the title as heading and the text as one
 * paragraph; the collection is named after the dataset's folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Collection, Document, Passage } from '../../records/schema.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';

const BeirEntry = z.object({
  _id: z.union([z.string(), z.number()]),
  title: z.string().optional(),
  text: z.string(),
});

export const beirCorpusReader: Reader = {
  format: 'beir-corpus',
  accepts(head, path) {
    return basename(path) === 'corpus.jsonl' && /^\s*\{\s*"_id"\s*:/.test(head.toString('utf8'));
  },
  read: readBeirCorpus,
};

export function beirCollectionId(corpusPath: string): string {
  return `beir-${basename(dirname(corpusPath))
    .replace(/^beir-/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export async function* readBeirCorpus(path: string): AsyncIterable<ReaderEvent> {
  const collectionId = beirCollectionId(path);
  const collection: Collection = {
    id: collectionId,
    title: `BEIR ${collectionId.slice(5)} corpus`,
    series: 'BEIR',
    subseries: null,
    volumeNumber: null,
    volumeTitle: null,
    editors: [],
    publishedYear: null,
    publisher: null,
    format: 'beir-corpus',
    sourcePath: path,
    published: true,
  };
  yield { kind: 'collection', collection };
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let entry: z.infer<typeof BeirEntry>;
    try {
      entry = BeirEntry.parse(JSON.parse(line));
    } catch {
      throw new ReadError(path, `line ${lineNumber} is not a BEIR corpus entry ({"_id", "title", "text"}).`);
    }
    yield {
      kind: 'document',
      document: beirDocument(collectionId, path, String(entry._id), entry.title ?? '', entry.text, line),
    };
  }
}

function beirDocument(
  collectionId: string,
  path: string,
  id: string,
  title: string,
  text: string,
  source: string,
): Document {
  const passages: Passage[] = [];
  const add = (kind: Passage['kind'], passageText: string) =>
    passages.push({
      ordinal: passages.length + 1,
      kind,
      text: passageText,
      noteNumber: null,
      anchor: null,
      page: null,
      speakers: [],
    });
  if (title.trim()) add('heading', title.trim());
  if (text.trim()) add('paragraph', text.trim());
  return {
    id: `${collectionId}/${id}`,
    collectionId,
    number: id,
    title: title.trim() || id,
    type: 'other',
    date: null,
    datePrinted: null,
    time: null,
    place: null,
    subject: null,
    classification: { level: null, caveats: [], printed: null },
    declassification: null,
    sourceNote: null,
    participants: [],
    passages,
    redactions: [],
    mentions: [],
    links: [],
    pageBreaks: [],
    sourcePath: path,
    contentHash: createHash('sha256').update(source).digest('hex'),
    published: true,
  };
}
