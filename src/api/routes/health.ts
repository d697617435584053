import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendProblem } from '../problem.js';
import { Health, Problem } from '../schemas.js';

export const healthRoutes =
  (isReady: () => boolean): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Health } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['operations'],
          summary: 'The graph store is connected and the embedding model loaded',
          response: { 200: Health, 503: Problem },
        },
      },
      async (_req, reply) => {
        if (isReady()) return { status: 'ok' as const };
        return sendProblem(reply, {
          type: 'https://errors.kgqa.dev/not_ready',
          title: 'Not ready',
          status: 503,
          detail: 'the graph store or the embedding model is still starting',
          code: 'not_ready',
        });
      },
    );
  };
