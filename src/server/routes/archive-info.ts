/**
 * What the archive holds: its collections and its counts.
 */
import type { FastifyInstance } from 'fastify';
import type { Archive, ArchiveStats } from '../../store/archive.js';
import type { CollectionSummary } from '../api-types.js';
import { collectionsResponse, errorResponses, statsResponse } from '../schemas.js';

export async function archiveInfoRoutes(
  app: FastifyInstance,
  { archive }: { archive: Archive },
): Promise<void> {
  app.get(
    '/api/collections',
    {
      schema: {
        summary:
          'Every collection the viewer may see (published ones for the public), with its number of documents',
        tags: ['archive'],
        response: { 200: collectionsResponse, ...errorResponses },
      },
    },
    async (): Promise<CollectionSummary[]> => {
      const [collections, stats] = await Promise.all([archive.listCollections(), archive.stats()]);
      const counts = new Map(stats.collections.map((c) => [c.id, c.documents]));
      return collections.map((collection) => ({ collection, documents: counts.get(collection.id) ?? 0 }));
    },
  );

  app.get(
    '/api/stats',
    {
      schema: {
        summary: 'Counts by collection, type, classification and decade',
        tags: ['archive'],
        response: { 200: statsResponse, ...errorResponses },
      },
    },
    async (): Promise<ArchiveStats> => archive.stats(),
  );
}
