/**
 * Every error leaves the server as JSON `{ statusCode, error, message }`: a 404 names what is
 * missing, a 400 says what to fix, and a 500 never leaks internals (they go to the log).
 */
import type { FastifyError, FastifyInstance } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Extra fields for the body, e.g. `position` for a query syntax error. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function notFound(message: string): HttpError {
  return new HttpError(404, message);
}

export function badRequest(message: string, details: Record<string, unknown> = {}): HttpError {
  return new HttpError(400, message, details);
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

export function statusName(statusCode: number): string {
  return STATUS_NAMES[statusCode] ?? (statusCode >= 500 ? 'Server Error' : 'Error');
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send({
        statusCode: error.statusCode,
        error: statusName(error.statusCode),
        message: error.message,
        ...error.details,
      });
    }
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({
        statusCode: 500,
        error: statusName(500),
        message: 'the server failed to answer; the log has the details.',
      });
    }
    // Validation and client errors from Fastify itself carry a message fit to show.
    return reply
      .status(statusCode)
      .send({ statusCode, error: statusName(statusCode), message: error.message });
  });
}
