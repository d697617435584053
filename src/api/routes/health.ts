import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemType, sendProblem } from '../problem.js';
import { Health, problems } from '../schemas.js';

export const healthRoutes =
  (isReady: () => boolean): FastifyPluginAsyncZod =>
  async (app) => {
    // Probes poll often and must keep answering when clients are being limited.
    app.get(
      '/healthz',
      {
        config: { rateLimit: false },
        schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Health, ...problems() } },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { rateLimit: false },
        schema: {
          tags: ['operations'],
          summary: 'The graph store is connected and the embedding model loaded',
          response: { 200: Health, ...problems(503) },
        },
      },
      async (_req, reply) => {
        if (isReady()) return { status: 'ok' as const };
        return sendProblem(reply, {
          type: problemType('not_ready'),
          title: 'Not ready',
          status: 503,
          detail: 'the graph store or the embedding model is still starting',
          code: 'not_ready',
        });
      },
    );
  };
