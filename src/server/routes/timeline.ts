/**
 * `GET /api/timeline?q=`: how many matching documents fall in each year (or each month of a
 * year), for the chart on the search page. The engine's facets give decades; each year of a
 * decade that has matches is then counted with a `date:` filter, so the figures follow the
 * same date semantics as a search for `… date:1969`.
 */
import type { FastifyInstance } from 'fastify';
import type { QueryNode } from '../../search/ast.js';
import type { Archive } from '../../store/archive.js';
import type { Timeline, TimelineBucket } from '../api-types.js';
import { badRequest } from '../errors.js';
import { parseUserQuery, queryTextSchema, withFilters } from '../query.js';
import { errorResponses, timelineResponse } from '../schemas.js';

interface TimelineQuery {
  q: string;
  by: 'year' | 'month';
  year?: number;
}

export async function timelineRoutes(app: FastifyInstance, { archive }: { archive: Archive }): Promise<void> {
  app.get<{ Querystring: TimelineQuery }>(
    '/api/timeline',
    {
      schema: {
        summary: 'Matching documents per year, or per month of one year',
        tags: ['search'],
        querystring: {
          type: 'object',
          properties: {
            q: queryTextSchema,
            by: { type: 'string', enum: ['year', 'month'], default: 'year' },
            year: { type: 'integer', minimum: 1000, maximum: 2999, description: 'Required with by=month.' },
          },
          additionalProperties: false,
        },
        response: { 200: timelineResponse, ...errorResponses },
      },
    },
    async (request): Promise<Timeline> => {
      const { q, by, year } = request.query;
      const query = parseUserQuery(q);
      if (by === 'month' && year === undefined) {
        throw badRequest('by=month needs a year, e.g. /api/timeline?by=month&year=1969.');
      }
      // A timeline is a count per period: exact counts, however many documents match.
      const overall = await archive.search({ query, limit: 1, facets: true, countLimit: Infinity });
      const periods = by === 'month' ? monthsOf(year!) : yearsOf(overall.facets?.['decade'] ?? []);
      const counted = await countPerPeriod(archive, query, periods);
      const buckets = by === 'year' ? trimEmptyEnds(counted) : counted;
      // Each dated document falls in exactly one decade, so the decade counts add up to the dated ones.
      const dated = (overall.facets?.['decade'] ?? []).reduce((sum, d) => sum + d.count, 0);
      return {
        query: q,
        by,
        total: overall.total,
        undated: by === 'year' ? Math.max(0, overall.total - dated) : 0,
        buckets,
      };
    },
  );
}

async function countPerPeriod(
  archive: Archive,
  query: QueryNode,
  periods: string[],
): Promise<TimelineBucket[]> {
  return Promise.all(
    periods.map(async (period) => ({
      period,
      count: await count(archive, withFilters(query, [{ type: 'filter', field: 'date', value: period }])),
    })),
  );
}

async function count(archive: Archive, query: QueryNode): Promise<number> {
  return (await archive.search({ query, limit: 1, countLimit: Infinity })).total;
}

/**
 * Every year of every decade that has matches, from the first to the last such decade, so the
 * chart shows empty years as gaps rather than hiding them.
 */
export function yearsOf(decades: readonly { value: string; count: number }[]): string[] {
  const starts = decades
    .filter((d) => d.count > 0)
    .map((d) => /^(\d{3})\d/.exec(d.value)?.[1])
    .filter((prefix): prefix is string => prefix !== undefined)
    .map((prefix) => Number(prefix) * 10);
  if (starts.length === 0) return [];
  const first = Math.min(...starts);
  const last = Math.max(...starts) + 9;
  const years: string[] = [];
  for (let y = first; y <= last; y++) years.push(String(y));
  return years;
}

function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Decades are coarse: drop the empty years before the first match and after the last. */
function trimEmptyEnds(buckets: TimelineBucket[]): TimelineBucket[] {
  const first = buckets.findIndex((b) => b.count > 0);
  if (first < 0) return [];
  const last = buckets.findLastIndex((b) => b.count > 0);
  return buckets.slice(first, last + 1);
}
