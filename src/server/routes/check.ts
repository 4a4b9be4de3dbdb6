/**
 * `POST /api/check`: an article in, each claim with its verdict and cited passages out.
 */
import type { FastifyInstance } from 'fastify';
import { checkArticle } from '../../check/check.js';
import type { CheckReport } from '../../check/types.js';
import { ArticleError } from '../../check/article.js';
import type { Archive } from '../../store/archive.js';
import { badRequest } from '../errors.js';
import { checkRequest, checkResponse } from '../check-schema.js';
import { errorResponses } from '../schemas.js';

/** A long feature article is ~100 KB; this leaves room for HTML while refusing uploads of archives. */
export const CHECK_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
/** A request never holds the server longer than this; the report says what was left unchecked. */
const TIME_BUDGET_MS = 30_000;

interface CheckBody {
  text: string;
  source?: string;
}

export async function checkRoutes(app: FastifyInstance, { archive }: { archive: Archive }): Promise<void> {
  app.post<{ Body: CheckBody }>(
    '/api/check',
    {
      bodyLimit: CHECK_BODY_LIMIT_BYTES,
      schema: {
        summary: "Check an article's claims against the record",
        description:
          'Each check-worthy claim gets a verdict (supported, misattributed, altered_quote, contradicted, ' +
          'not_in_record) with the passages behind it; opinion and framing are listed as skipped.',
        tags: ['check'],
        body: checkRequest,
        response: { 200: checkResponse, ...errorResponses },
      },
    },
    async (request): Promise<CheckReport> => {
      try {
        return await checkArticle(archive, request.body.text, {
          source: request.body.source?.trim() || 'pasted article',
          timeBudgetMs: TIME_BUDGET_MS,
        });
      } catch (error) {
        if (error instanceof ArticleError) throw badRequest(error.message);
        throw error;
      }
    },
  );
}
