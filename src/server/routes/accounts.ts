/**
 * Accounts over HTTP: sign in with an API token to get a web session (cookie plus CSRF token),
 * publish and unpublish records, read the audit log, add users.
 */
import type { FastifyInstance } from 'fastify';
import { AccountExistsError, ROLES, type Role } from '../../store/accounts.js';
import type { Archive } from '../../store/archive.js';
import { UnknownRecordError } from '../../store/visibility.js';
import { hashSecret, newSecret } from '../auth/credentials.js';
import { requirePermission, setSessionCookie, CSRF_HEADER } from '../auth/plugin.js';
import { createUserWithToken } from '../auth/users.js';
import { badRequest, HttpError, notFound } from '../errors.js';
import { errorResponses } from '../schemas.js';

/** A web session lasts a working day. */
const SESSION_SECONDS = 12 * 60 * 60;

const userSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, role: { type: 'string', enum: [...ROLES] } },
  required: ['name', 'role'],
};

export async function accountRoutes(app: FastifyInstance, { archive }: { archive: Archive }): Promise<void> {
  const { accounts } = archive;

  app.post<{ Body: { token: string } }>(
    '/api/session',
    {
      schema: {
        summary: 'Sign in with an API token: sets a session cookie and returns its CSRF token',
        tags: ['accounts'],
        body: {
          type: 'object',
          properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
          required: ['token'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { user: userSchema, csrfToken: { type: 'string' } },
            required: ['user', 'csrfToken'],
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const account = await accounts.findUserByToken(hashSecret(request.body.token));
      if (!account) throw new HttpError(401, 'the API token is not valid; ask an admin for a new one.');
      const sessionId = newSecret();
      const csrfToken = newSecret();
      await accounts.addSession(
        hashSecret(sessionId),
        account.id,
        hashSecret(csrfToken),
        new Date(Date.now() + SESSION_SECONDS * 1000),
      );
      setSessionCookie(reply, request, sessionId, SESSION_SECONDS);
      return { user: { name: account.name, role: account.role }, csrfToken };
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'Who is signed in (null for the public)',
        tags: ['accounts'],
        response: {
          200: {
            type: 'object',
            properties: { user: { ...userSchema, nullable: true } },
            required: ['user'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      user: request.account ? { name: request.account.name, role: request.account.role } : null,
    }),
  );

  app.delete(
    '/api/session',
    {
      schema: {
        summary: `Sign out (needs the ${CSRF_HEADER} header)`,
        tags: ['accounts'],
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.csrfFailed) throw new HttpError(403, `signing out needs the ${CSRF_HEADER} header.`);
      if (request.sessionHash) await accounts.deleteSession(request.sessionHash);
      setSessionCookie(reply, request, '', 0);
      return reply.status(204).send();
    },
  );

  app.post<{ Body: { id: string; published: boolean } }>(
    '/api/publish',
    {
      schema: {
        summary: 'Publish or unpublish (embargo) a collection or a document; written to the audit log',
        tags: ['accounts'],
        body: {
          type: 'object',
          properties: {
            id: {
              type: 'string',
              minLength: 1,
              maxLength: 300,
              description: 'A collection id or a document id.',
            },
            published: { type: 'boolean' },
          },
          required: ['id', 'published'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: ['collection', 'document'] },
              id: { type: 'string' },
              published: { type: 'boolean' },
              changed: { type: 'boolean' },
            },
            required: ['kind', 'id', 'published', 'changed'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const account = requirePermission(request, 'publish');
      try {
        return await archive.setPublished(request.body.id, request.body.published, account.name);
      } catch (error) {
        if (error instanceof UnknownRecordError) throw notFound(error.message);
        throw error;
      }
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    '/api/audit',
    {
      schema: {
        summary: 'The publishing audit log, newest first (editors and admins)',
        tags: ['accounts'],
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                at: { type: 'string' },
                actor: { type: 'string' },
                action: { type: 'string' },
                kind: { type: 'string' },
                target: { type: 'string' },
              },
              required: ['at', 'actor', 'action', 'kind', 'target'],
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requirePermission(request, 'read-audit');
      return archive.auditLog(request.query.limit);
    },
  );

  app.post<{ Body: { name: string; role: Role } }>(
    '/api/users',
    {
      schema: {
        summary: 'Add a user (admins); the API token is shown once',
        tags: ['accounts'],
        body: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 64 },
            role: { type: 'string', enum: [...ROLES] },
          },
          required: ['name', 'role'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { user: userSchema, token: { type: 'string' } },
            required: ['user', 'token'],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requirePermission(request, 'manage-users');
      try {
        const { account, token } = await createUserWithToken(accounts, request.body.name, request.body.role);
        return { user: { name: account.name, role: account.role }, token };
      } catch (error) {
        if (error instanceof AccountExistsError) throw new HttpError(409, error.message);
        if (error instanceof Error && /not a usable user name/.test(error.message))
          throw badRequest(error.message);
        throw error;
      }
    },
  );
}
