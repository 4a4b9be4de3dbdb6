/**
 * A person's profile across the archive: the canonical record and its entries in every
 * collection, offices held, the documents they attend, write, receive or are mentioned in,
 * and the passages where they speak. Shared by `declass person` and the HTTP API.
 */
import { officesHeldBy, type OfficeHolding } from '../records/offices.js';
import { personsNamed } from '../records/person-resolution.js';
import type { Document, Person } from '../records/schema.js';
import type { Archive } from '../store/archive.js';
import type { QueryNode } from './ast.js';
import type { DocumentHit, PassageHit } from './types.js';

export type PersonRole = 'participant' | 'party' | 'sender' | 'addressee' | 'speaker' | 'mentioned';

export interface PersonDocumentHit {
  documentId: string;
  title: string;
  type: DocumentHit['type'];
  date: string | null;
  classification: DocumentHit['classification'];
  roles: PersonRole[];
}

export interface PersonProfile {
  person: Person;
  /** Entries for the same person in other collections (merged through canonicalId). */
  sameAs: Person[];
  offices: OfficeHolding[];
  documents: { total: number; hits: PersonDocumentHit[] };
  /** Passages in which the person speaks, strongest first. */
  quotes: { total: number; hits: PassageHit[] };
}

export interface ProfileOptions {
  limit?: number;
  offset?: number;
  quotes?: number;
}

/**
 * Finds persons by id (`frus1969-76v12/p_KHA1`) or by name ("Kissinger", "Henry Kissinger"),
 * grouped by canonical person: one group is an answer, several are a question for the user.
 */
export async function findPersons(archive: Archive, nameOrId: string): Promise<Person[][]> {
  const byId = nameOrId.includes('/') ? await archive.getPerson(nameOrId) : null;
  const everyone = await archive.listPersons();
  const matches = byId ? [byId] : personsNamed(nameOrId, everyone);
  const groups = new Map<string, Person[]>();
  for (const person of matches) {
    const key = person.canonicalId ?? person.id;
    groups.set(
      key,
      everyone.filter((other) => (other.canonicalId ?? other.id) === key),
    );
  }
  return [...groups.values()];
}

export async function personProfile(
  archive: Archive,
  entries: readonly Person[],
  options: ProfileOptions = {},
): Promise<PersonProfile> {
  const [person, ...sameAs] = entries;
  if (!person) throw new Error('personProfile needs at least one person entry.');
  const inEachCollection = (field: 'person' | 'speaker'): QueryNode => ({
    type: 'or',
    children: entries.map((entry) => ({
      type: 'and',
      children: [
        { type: 'filter', field: 'collection', value: entry.collectionId },
        { type: 'filter', field, value: entry.localId },
      ],
    })),
  });
  const [documents, quotes] = await Promise.all([
    archive.search({
      query: inEachCollection('person'),
      limit: options.limit ?? 50,
      offset: options.offset ?? 0,
      sort: 'date-asc',
      countLimit: Infinity,
    }),
    archive.search({ query: inEachCollection('speaker'), limit: options.quotes ?? 20 }),
  ]);
  const hits = await Promise.all(
    documents.hits.map(async (hit): Promise<PersonDocumentHit> => {
      const document = await archive.getDocument(hit.documentId);
      return {
        documentId: hit.documentId,
        title: hit.title,
        type: hit.type,
        date: hit.date,
        classification: hit.classification,
        roles: document ? rolesOf(document, entries) : [],
      };
    }),
  );
  return {
    person,
    sameAs,
    offices: officesHeldBy(person.name),
    documents: { total: documents.total, hits },
    quotes: {
      total: quotes.total,
      hits: quotes.hits.flatMap((hit) =>
        hit.passages.filter((passage) =>
          passage.speakers.some((span) => isEntry(span.personId, hit.collectionId, entries)),
        ),
      ),
    },
  };
}

/** How the person figures in a document, in the order a reader cares about. */
export function rolesOf(document: Document, entries: readonly Person[]): PersonRole[] {
  const roles = new Set<PersonRole>();
  const collection = document.collectionId;
  for (const participant of document.participants) {
    if (isEntry(participant.personId, collection, entries)) roles.add(participant.role);
  }
  if (document.passages.some((p) => p.speakers.some((s) => isEntry(s.personId, collection, entries)))) {
    roles.add('speaker');
  }
  if (document.mentions.some((m) => isEntry(m.personId, collection, entries))) roles.add('mentioned');
  return [...roles];
}

/** Records hold the collection-local id (`p_KHA1`); accept the full id too. */
function isEntry(personId: string | null, collectionId: string, entries: readonly Person[]): boolean {
  if (personId === null) return false;
  return entries.some(
    (entry) => personId === entry.id || (personId === entry.localId && entry.collectionId === collectionId),
  );
}
