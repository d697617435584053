import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

/** An error a route raises on purpose: its code and detail are safe to show. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ?? title);
  }
}

export function sendProblem(reply: FastifyReply, p: ProblemBody) {
  return reply.status(p.status).type('application/problem+json').send(p);
}

export const problemType = (code: string) => `https://errors.kgqa.dev/${code}`;

/** Fastify's own 4xx errors under codes that do not leak the framework's naming. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
};

const titleOf = (status: number) => STATUS_CODES[status] ?? 'Error';

/**
 * One problem+json shape for every 4xx/5xx; 5xx details stay in the log, never in the response.
 * `allowedMethods` turns a 404 on a known path into a 405.
 */
export function registerProblemHandlers(app: FastifyInstance, allowedMethods: (path: string) => string[]) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, {
        type: problemType('validation_failed'),
        title: 'Request validation failed',
        status: 400,
        detail: err.message,
        code: 'validation_failed',
        errors: err.validation.map((v) => ({
          path: `${err.validationContext ?? ''}${v.instancePath || ''}`,
          message: v.message ?? 'invalid',
        })),
      });
    }
    if (err instanceof HttpProblem) {
      return sendProblem(reply, {
        type: problemType(err.code),
        title: err.title,
        status: err.status,
        detail: err.detail,
        code: err.code,
      });
    }
    if (err.code === 'FST_ERR_HANDLER_TIMEOUT') {
      req.log.warn({ route: req.routeOptions.url }, 'request timed out');
      return sendProblem(reply, {
        type: problemType('timeout'),
        title: 'Request timed out',
        status: 503,
        detail: 'the request took longer than the server allows; try again',
        code: 'timeout',
      });
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return sendProblem(reply, {
        type: problemType('internal_error'),
        title: titleOf(status),
        status,
        code: 'internal_error',
      });
    }
    const code = FASTIFY_CODES[err.code] ?? (err.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
    return sendProblem(reply, { type: problemType(code), title: titleOf(status), status, detail: err.message, code });
  });

  app.setNotFoundHandler((req, reply) => {
    const allowed = allowedMethods(req.url.split('?')[0]!);
    // A route that accepts this method may still find nothing (a static file that is not there): 404.
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      return sendProblem(reply.header('allow', allowed.join(', ')), {
        type: problemType('method_not_allowed'),
        title: titleOf(405),
        status: 405,
        detail: `${req.method} is not allowed here; use ${allowed.join(', ')}`,
        code: 'method_not_allowed',
      });
    }
    return sendProblem(reply, {
      type: problemType('not_found'),
      title: 'Not found',
      status: 404,
      detail: `${req.method} ${req.url} does not exist`,
      code: 'not_found',
    });
  });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (a request that arrives too slowly,
 * oversized headers, malformed HTTP), answered in the same problem+json shape on the raw socket.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large']
        : [400, 'bad_request'];
  const body = JSON.stringify({ type: problemType(code), title: titleOf(status), status, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${titleOf(status)}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
