/**
 * Reading one file into the events the pipeline stores: the reader chosen by content, persons
 * given their canonical ids, and every document passed through the enrichers.
 */
import { canonicalPersonKey } from '../records/person-resolution.js';
import type { Collection, Person } from '../records/schema.js';
import { readHead } from './files.js';
import type { Enricher } from './pipeline.js';
import { ReadError, type Reader, type ReaderEvent } from './reader.js';
import { chooseReader } from './registry.js';

export async function* readEnriched(
  path: string,
  readers: readonly Reader[],
  enrichers: readonly Enricher[],
): AsyncGenerator<ReaderEvent> {
  const reader = chooseReader(readers, await readHead(path), path);
  let collection: Collection | null = null;
  let persons: Person[] = [];
  for await (const event of reader.read(path)) {
    if (event.kind === 'collection') {
      collection = event.collection;
      yield event;
    } else if (event.kind === 'persons') {
      persons = event.persons.map(withCanonicalId);
      yield { kind: 'persons', persons };
    } else {
      if (!collection) throw new ReadError(path, 'the reader produced a document before its collection.');
      let document = event.document;
      for (const enrich of enrichers) document = enrich(document, { collection, persons });
      yield { kind: 'document', document };
    }
  }
}

/**
 * The same person in different collections shares one canonical id, derived from the name
 * alone ("Kissinger, Henry A." and "Kissinger, Henry" → `kissinger-h`) so it does not depend
 * on the order collections are ingested in.
 */
function withCanonicalId(person: Person): Person {
  return person.canonicalId
    ? person
    : { ...person, canonicalId: canonicalPersonKey(person).replace('|', '-') };
}
