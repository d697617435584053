import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per app, so several apps in one process (tests) never share or double-register. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    answers: new Counter({
      name: 'qa_answers_total',
      help: 'Answers given by /v1/ask, by status (answered, clarify, fallback, escalated)',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    ingestFiles: new Counter({
      name: 'ingest_files_total',
      help: 'Pack files processed by the admin ingest route, by outcome',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
  };
}

export type ApiMetrics = ReturnType<typeof createMetrics>;

/** Times every response. The route label is the pattern, so ids in URLs cannot explode the series count. */
export function observeHttp(app: FastifyInstance, metrics: ApiMetrics) {
  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
