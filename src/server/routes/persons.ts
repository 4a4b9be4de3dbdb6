/**
 * `GET /api/persons/:collection/:person`: a person, the documents they attend, write, receive
 * or are mentioned in, and what they say. Person ids are collection-scoped
 * (`frus1969-76v12/p_KHA1`), hence two path segments as for documents.
 */
import type { FastifyInstance } from 'fastify';
import type { QueryNode } from '../../search/ast.js';
import type { Document, Person } from '../../records/schema.js';
import type { Archive } from '../../store/archive.js';
import type { PersonDocument, PersonPage, PersonRole } from '../api-types.js';
import { notFound } from '../errors.js';
import { errorResponses, personResponse } from '../schemas.js';

interface PersonParams {
  collection: string;
  person: string;
}

interface PersonQuery {
  limit: number;
  offset: number;
}

export async function personRoutes(app: FastifyInstance, { archive }: { archive: Archive }): Promise<void> {
  app.get<{ Params: PersonParams; Querystring: PersonQuery }>(
    '/api/persons/:collection/:person',
    {
      schema: {
        summary: 'A person: documents they take part in or are mentioned in, and their quotes',
        tags: ['persons'],
        params: {
          type: 'object',
          properties: {
            collection: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. frus1969-76v12' },
            person: { type: 'string', minLength: 1, maxLength: 200, description: 'e.g. p_KHA1' },
          },
          required: ['collection', 'person'],
        },
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 10000, default: 0 },
          },
          additionalProperties: false,
        },
        response: { 200: personResponse, ...errorResponses },
      },
    },
    async (request): Promise<PersonPage> => {
      const { collection, person: localId } = request.params;
      const id = `${collection}/${localId}`;
      const person = await archive.getPerson(id);
      if (!person) throw notFound(`no person "${id}" in the archive.`);
      const { limit, offset } = request.query;

      const inCollection: QueryNode = { type: 'filter', field: 'collection', value: collection };
      const [documents, quotes, sameAs] = await Promise.all([
        archive.search({
          query: {
            type: 'and',
            children: [inCollection, { type: 'filter', field: 'person', value: localId }],
          },
          limit,
          offset,
          sort: 'date-asc',
        }),
        archive.search({
          query: {
            type: 'and',
            children: [inCollection, { type: 'filter', field: 'speaker', value: localId }],
          },
          limit: 20,
          sort: 'date-asc',
        }),
        samePersonElsewhere(archive, person),
      ]);

      const hits: PersonDocument[] = await Promise.all(
        documents.hits.map(async (hit) => {
          const document = await archive.getDocument(hit.documentId);
          return {
            documentId: hit.documentId,
            title: hit.title,
            type: hit.type,
            date: hit.date,
            classification: hit.classification,
            roles: document ? rolesOf(document, person) : [],
          };
        }),
      );
      return {
        person,
        sameAs,
        documents: { total: documents.total, hits },
        quotes: {
          total: quotes.total,
          hits: quotes.hits.flatMap((hit) =>
            hit.passages.filter((p) => p.speakers.some((s) => isPerson(s.personId, person))),
          ),
        },
      };
    },
  );
}

/** How the person figures in a document, in the order a reader cares about. */
export function rolesOf(document: Document, person: Person): PersonRole[] {
  const roles = new Set<PersonRole>();
  for (const participant of document.participants) {
    if (isPerson(participant.personId, person)) roles.add(participant.role);
  }
  if (document.passages.some((p) => p.speakers.some((s) => isPerson(s.personId, person))))
    roles.add('speaker');
  if (document.mentions.some((m) => isPerson(m.personId, person))) roles.add('mentioned');
  return [...roles];
}

/** Records hold the collection-local id (`p_KHA1`); accept the full id too. */
function isPerson(personId: string | null, person: Person): boolean {
  return personId !== null && (personId === person.localId || personId === person.id);
}

async function samePersonElsewhere(archive: Archive, person: Person): Promise<Person[]> {
  if (!person.canonicalId) return [];
  const everyone = await archive.listPersons();
  return everyone.filter((other) => other.canonicalId === person.canonicalId && other.id !== person.id);
}
