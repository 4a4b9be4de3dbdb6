/**
 * `GET /api/persons/:collection/:person`: a person, the documents they attend, write, receive
 * or are mentioned in, and what they say. Person ids are collection-scoped
 * (`frus1969-76v12/p_KHA1`), hence two path segments as for documents.
 */
import type { FastifyInstance } from 'fastify';
import { personProfile, type PersonProfile } from '../../search/person-profile.js';
import type { Archive } from '../../store/archive.js';
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
    async (request): Promise<PersonProfile> => {
      const { collection, person: localId } = request.params;
      const id = `${collection}/${localId}`;
      const person = await archive.getPerson(id);
      if (!person) throw notFound(`no person "${id}" in the archive.`);
      const sameAs = person.canonicalId
        ? (await archive.listPersons()).filter(
            (other) => other.canonicalId === person.canonicalId && other.id !== person.id,
          )
        : [];
      return personProfile(archive, [person, ...sameAs], request.query);
    },
  );
}
