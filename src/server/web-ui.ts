/**
 * The built web UI (web/dist): static assets, and index.html for the UI's own paths so that
 * a shared link such as /d/frus1969-76v12/d86#p4 opens straight in the reader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { statusName } from './errors.js';

/** Paths the single-page app owns; anything else unknown is a plain 404. */
const APP_PATHS = [/^\/$/, /^\/d\/.+/, /^\/person\/.+/, /^\/search\/?$/, /^\/check\/?$/, /^\/timeline\/?$/];

/**
 * Record text is always rendered as text, but the policy makes sure that even a mistake
 * could not run a script or load from elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function webUi(
  app: FastifyInstance,
  { staticDir }: { staticDir: string | null },
): Promise<void> {
  const hasUi = staticDir !== null && existsSync(join(staticDir, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      setHeaders(reply, path) {
        // Vite fingerprints assets, so they can be cached for good; index.html must not be.
        if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  const sendApp = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .sendFile('index.html');

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (hasUi && request.method === 'GET' && APP_PATHS.some((pattern) => pattern.test(path))) {
      return sendApp(reply);
    }
    const message = path.startsWith('/api/')
      ? `no API route ${request.method} ${path}; the routes are listed at /api/docs.`
      : hasUi || !APP_PATHS.some((pattern) => pattern.test(path))
        ? `nothing at ${path}.`
        : 'the web UI is not built; run "npm run build:web", or use the API under /api (documented at /api/docs).';
    return reply.status(404).send({ statusCode: 404, error: statusName(404), message });
  });
}
