/**
 * Who is asking: an API token (`Authorization: Bearer dcl_…`) or a web session cookie. A
 * session authenticates a state-changing request (POST, PUT, PATCH, DELETE) only together with
 * its CSRF token in the `x-csrf-token` header; a forged cross-site request therefore runs with
 * the public's rights, and routes that need a role answer 403. Every handler then runs with the
 * account's viewer (see viewer-context.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account, AccountStore } from '../../store/accounts.js';
import { HttpError } from '../errors.js';
import { hashSecret, matchesHash } from './credentials.js';
import { can, viewerOf, type Permission } from './roles.js';
import { runAsViewer } from './viewer-context.js';

export const SESSION_COOKIE = 'declass_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated account, or null for the public. */
    account: Account | null;
    /** sha256 of the session id when the request came with a valid session cookie. */
    sessionHash: string | null;
    /** A session cookie came without a valid CSRF token on a state-changing request. */
    csrfFailed: boolean;
  }
}

export function installAuthentication(app: FastifyInstance, accounts: AccountStore): void {
  app.decorateRequest('account', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('csrfFailed', false);
  app.addHook('onRequest', async (request) => {
    request.account = null;
    request.sessionHash = null;
    request.csrfFailed = false;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const account = token ? await accounts.findUserByToken(hashSecret(token)) : null;
      if (!account) throw new HttpError(401, 'the API token is not valid; ask an admin for a new one.');
      request.account = account;
      return;
    }
    const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!sessionId) return;
    const sessionHash = hashSecret(sessionId);
    const session = await accounts.findSession(sessionHash, new Date());
    if (!session) return;
    if (UNSAFE_METHODS.has(request.method)) {
      const csrf = request.headers[CSRF_HEADER];
      if (typeof csrf !== 'string' || !matchesHash(csrf, session.csrfHash)) {
        request.csrfFailed = true;
        return;
      }
    }
    request.account = session.account;
    request.sessionHash = sessionHash;
  });
  // Callback style on purpose: the handler runs inside `done`, hence inside the viewer's context.
  app.addHook('preHandler', (request, _reply, done) => {
    runAsViewer(viewerOf(request.account), done);
  });
}

/** The account, when it holds the permission; otherwise a 401 or 403 that says why. */
export function requirePermission(request: FastifyRequest, permission: Permission): Account {
  if (request.csrfFailed) {
    throw new HttpError(403, `this request needs the session's CSRF token in the ${CSRF_HEADER} header.`);
  }
  const account = request.account;
  if (!account)
    throw new HttpError(
      401,
      'sign in first: send an API token (Authorization: Bearer …) or a session cookie.',
    );
  if (!can(account, permission)) {
    throw new HttpError(403, `the ${account.role} role may not do this (it needs "${permission}").`);
  }
  return account;
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  value: string,
  maxAgeSeconds: number,
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`,
  );
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
