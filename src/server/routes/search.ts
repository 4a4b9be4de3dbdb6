/**
 * `GET /api/search`: ranked documents with their best passages, facets on request.
 */
import type { FastifyInstance } from 'fastify';
import type { SortOrder } from '../../search/types.js';
import type { Archive } from '../../store/archive.js';
import type { SearchApiResponse } from '../api-types.js';
import { parseUserQuery, queryTextSchema } from '../query.js';
import { errorResponses, searchResponse } from '../schemas.js';

interface SearchQuery {
  q: string;
  limit: number;
  offset: number;
  sort: SortOrder;
  facets: boolean;
}

export async function searchRoutes(app: FastifyInstance, { archive }: { archive: Archive }): Promise<void> {
  app.get<{ Querystring: SearchQuery }>(
    '/api/search',
    {
      schema: {
        summary: 'Search the archive',
        description:
          'Documents matching the query, ranked, each with its best passages; matches in snippets are ' +
          'wrapped in «« and »». A malformed query answers 400 with the `position` where it broke.',
        tags: ['search'],
        querystring: {
          type: 'object',
          properties: {
            q: queryTextSchema,
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            offset: { type: 'integer', minimum: 0, maximum: 10000, default: 0 },
            sort: { type: 'string', enum: ['relevance', 'date-asc', 'date-desc'], default: 'relevance' },
            facets: {
              type: 'boolean',
              default: false,
              description: 'Add counts by type, decade, classification, collection and speaker.',
            },
          },
          additionalProperties: false,
        },
        response: { 200: searchResponse, ...errorResponses },
      },
    },
    async (request): Promise<SearchApiResponse> => {
      const { q, limit, offset, sort, facets } = request.query;
      const query = parseUserQuery(q);
      const response = await archive.search({ query, limit, offset, sort, facets });
      return {
        query: q,
        limit,
        offset,
        ...response,
        totalExact: response.totalExact ?? true,
        rankingExact: response.rankingExact ?? true,
      };
    },
  );
}
