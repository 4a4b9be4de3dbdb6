/**
 * Reader for FRUS volumes in TEI P5 (the Office of the Historian's encoding). Streams the file:
 * only the header, the persons list and one document at a time are held as trees.
 */
import type { Person } from '../../records/schema.js';
import { ReadError, type Reader, type ReaderEvent } from '../reader.js';
import { captureParts } from './capture.js';
import { buildDocument, type VolumeContext } from './document.js';
import { indexPersons } from './participants.js';
import { collectionFromHeader, personsFromList } from './volume.js';

export const frusTeiReader: Reader = {
  format: 'frus-tei',
  accepts(head) {
    const sample = head.toString('utf8', 0, Math.min(head.length, 4096));
    return /<TEI[\s>]/.test(sample) && /tei-c\.org\/ns\/1\.0/.test(sample);
  },
  read: readFrusTei,
};

export async function* readFrusTei(path: string): AsyncIterable<ReaderEvent> {
  let volume: VolumeContext | null = null;
  let personsSent = false;
  for await (const part of captureParts(path)) {
    if (part.kind === 'header') {
      const collection = collectionFromHeader(part.element, path);
      if (!collection.id)
        throw new ReadError(path, 'the teiHeader has no <idno type="frus">; is this a FRUS volume?');
      volume = { volumeId: collection.id, sourcePath: path, persons: indexPersons([]) };
      yield { kind: 'collection', collection };
    } else if (part.kind === 'persons') {
      if (!volume || personsSent) continue;
      const persons = personsFromList(part.element, volume.volumeId);
      volume.persons = indexPersons(persons);
      personsSent = true;
      yield { kind: 'persons', persons };
    } else {
      if (!volume)
        throw new ReadError(path, 'a document comes before the teiHeader; the file is not a FRUS volume.');
      if (!personsSent) {
        personsSent = true;
        yield { kind: 'persons', persons: [] as Person[] };
      }
      yield { kind: 'document', document: buildDocument(part, volume) };
    }
  }
  if (!volume) throw new ReadError(path, 'no teiHeader found; the file is not a FRUS TEI volume.');
}
