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

const typeUri = (code: string) => `https://errors.kgqa.dev/${code}`;

/** One problem+json shape for every 4xx/5xx; 5xx details stay in the log, never in the response. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return sendProblem(reply, {
        type: typeUri('validation_failed'),
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
        type: typeUri(err.code),
        title: err.title,
        status: err.status,
        detail: err.detail,
        code: err.code,
      });
    }
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return sendProblem(reply, {
        type: typeUri('internal_error'),
        title: 'Internal server error',
        status,
        code: 'internal_error',
      });
    }
    const code = (err.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
    return sendProblem(reply, { type: typeUri(code), title: err.message, status, code });
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, {
      type: typeUri('not_found'),
      title: 'Not found',
      status: 404,
      detail: `${req.method} ${req.url} does not exist`,
      code: 'not_found',
    }),
  );
}
