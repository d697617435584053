import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../route-deps.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const metricsRoute =
  ({ auth, limits, metrics }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/metrics',
      {
        config: { rateLimit: false },
        ...(limits.metricsPublic ? {} : { onRequest: auth.require('read') }),
        schema: {
          tags: ['operations'],
          summary: 'Prometheus metrics',
          description:
            'Text exposition format: http_request_duration_seconds{method,route,status_code}, qa_answers_total{status}, ' +
            'ingest_files_total{status} and the Node process metrics. Needs the read scope unless METRICS_PUBLIC=true.',
          security: keyOptional,
          response: {
            200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
            ...problems(401, 403),
          },
        },
      },
      async (_req, reply) => {
        const body = await metrics.registry.metrics();
        return reply.type(metrics.registry.contentType).send(body);
      },
    );
  };
