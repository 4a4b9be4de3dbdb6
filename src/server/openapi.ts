/**
 * The OpenAPI document (from the routes' own schemas) at /api/openapi.json, and Swagger UI at
 * /api/docs to try the routes in a browser.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Declass API',
        version: '1',
        description:
          'Search, read and cite declassified government records. Passage links have the form ' +
          '`/d/<doc-id>#p<ordinal>`; document ids are `<collection>/<local id>`, e.g. `frus1969-76v12/d86`.',
      },
      tags: [
        { name: 'search', description: 'The query language, facets and timeline' },
        { name: 'documents', description: 'Documents, passages and citations' },
        { name: 'persons', description: 'People in the records' },
        { name: 'archive', description: 'Collections and counts' },
      ],
    },
    // Shared schemas appear under components.schemas with their own names.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
