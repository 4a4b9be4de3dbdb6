/**
 * The Declass HTTP server: the JSON API under /api (described at /api/openapi.json, browsable
 * at /api/docs) and the web UI from web/dist.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Archive } from '../store/archive.js';
import { installAuthentication } from './auth/plugin.js';
import { ViewerScopedArchive } from './auth/scoped-archive.js';
import { installErrorHandler } from './errors.js';
import { registerOpenApi } from './openapi.js';
import { accountRoutes } from './routes/accounts.js';
import { archiveInfoRoutes } from './routes/archive-info.js';
import { checkRoutes } from './routes/check.js';
import { documentRoutes } from './routes/documents.js';
import { personRoutes } from './routes/persons.js';
import { searchRoutes } from './routes/search.js';
import { timelineRoutes } from './routes/timeline.js';
import { sharedSchemas } from './schemas.js';
import { webUi } from './web-ui.js';

export interface ServerOptions {
  archive: Archive;
  /** Fastify's pino logger: true for JSON logs on stdout, false in tests, or pino options. */
  logger?: FastifyServerOptions['logger'];
  /** The built web UI; defaults to web/dist in the repository; null serves the API only. */
  staticDir?: string | null;
  /** The public address of the site, used in citation links; defaults to the request's host. */
  publicUrl?: string;
}

/** Requests bodies are small (a pasted article at most): anything larger is refused early. */
export const BODY_LIMIT_BYTES = 512 * 1024;

export const defaultStaticDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Clear 400s from validation, and query strings like ?facets=true coerced to their types.
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  for (const schema of sharedSchemas) app.addSchema(schema);
  installErrorHandler(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  await registerOpenApi(app);
  installAuthentication(app, options.archive.accounts);
  // Routes read through a view that applies the signed-in account's rights to every call, so no
  // route can show an embargoed record by forgetting a check.
  const archive = new ViewerScopedArchive(options.archive);
  await app.register(accountRoutes, { archive: options.archive });
  await app.register(searchRoutes, { archive });
  await app.register(documentRoutes, { archive, publicUrl: options.publicUrl });
  await app.register(personRoutes, { archive });
  await app.register(archiveInfoRoutes, { archive });
  await app.register(timelineRoutes, { archive });
  await app.register(checkRoutes, { archive });
  await webUi(app, { staticDir: options.staticDir === undefined ? defaultStaticDir : options.staticDir });
  return app;
}

export interface StartOptions extends ServerOptions {
  port: number;
  host: string;
}

/** Builds and listens; resolves with the running server and the address it answers on. */
export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer({ logger: true, ...options });
  const url = await app.listen({ port: options.port, host: options.host });
  return { app, url };
}
