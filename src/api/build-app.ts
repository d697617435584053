import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { loggerOptions } from '../log/logger-options.js';
import type { Services } from '../services.js';
import { type AuthOptions, createAuth } from './auth.js';
import { type ApiLimits, DEFAULT_LIMITS } from './limits.js';
import { createRouteTable } from './method-not-allowed.js';
import { createMetrics, observeHttp } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { clientErrorHandler, HttpProblem, registerProblemHandlers } from './problem.js';
import { registerRateLimit } from './rate-limit.js';
import { echoRequestId, requestId } from './request-id.js';
import type { RouteDeps } from './route-deps.js';
import { adminRoutes } from './routes/admin.js';
import { adminFeedbackRoute } from './routes/admin-feedback.js';
import { askRoutes } from './routes/ask.js';
import { entityDetailsRoute } from './routes/entity-details.js';
import { entitySearchRoute } from './routes/entity-search.js';
import { faqsRoute } from './routes/faqs.js';
import { feedbackRoute } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { neighbourhoodRoute } from './routes/neighbourhood.js';
import { pagesRoutes } from './routes/pages.js';
import { schemaRoute } from './routes/schema.js';
import { sessionsRoutes } from './routes/sessions.js';
import { sourcesRoute } from './routes/sources.js';

export interface AppOptions {
  services: Services;
  /** Defaults: no keys, ask and read public (admin routes then refuse everyone). */
  auth?: AuthOptions;
  /** Any subset; the rest are the configuration defaults (see `src/config.ts`). */
  limits?: Partial<ApiLimits>;
  /** A pino instance, or true for one at info level with personal data masked. */
  logger?: FastifyBaseLogger | boolean;
  version?: string;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** The HTTP edge: Fastify plugins, routes and the OpenAPI document; no business logic here. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const auth = createAuth(opts.auth ?? { keys: [], publicScopes: ['ask', 'read'] });
  const metrics = createMetrics();
  const app = Fastify({
    loggerInstance: typeof opts.logger === 'object' ? opts.logger : undefined,
    logger: opts.logger === true ? loggerOptions('info') : undefined,
    bodyLimit: limits.bodyLimitBytes,
    genReqId: requestId,
    // Node ids (sections, schema items) can be longer than the router's default of 100 characters.
    routerOptions: { maxParamLength: 1024 },
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs,
    // Node enforces requestTimeout only when it sweeps connections (every 30 s by default).
    http: {
      connectionsCheckingInterval:
        limits.requestTimeoutMs > 0 ? clamp(limits.requestTimeoutMs / 4, 250, 30_000) : 30_000,
    },
    handlerTimeout: limits.requestTimeoutMs,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes = createRouteTable();
  app.addHook('onRoute', routes.add);
  registerProblemHandlers(app, routes.allowed);
  echoRequestId(app);
  observeHttp(app, metrics);
  if (limits.rateLimit) await registerRateLimit(app, limits.rateLimit, auth);
  if (limits.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: limits.corsOrigins.includes('*') ? '*' : limits.corsOrigins,
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      maxAge: 600,
    });
  }
  await registerOpenApi(app, opts.version ?? '0.1.0');

  const deps: RouteDeps = { services, auth, limits, metrics };
  await app.register(healthRoutes(services.isReady));
  await app.register(metricsRoute(deps));
  await app.register(pagesRoutes());
  await app.register(async (scoped) => {
    // Answering before the model and store are up would fail on every request; say so instead.
    scoped.addHook('onRequest', async () => {
      if (!services.isReady()) throw new HttpProblem(503, 'not_ready', 'Not ready', 'the service is still starting');
    });
    for (const routes of [
      askRoutes,
      feedbackRoute,
      sessionsRoutes,
      entitySearchRoute,
      entityDetailsRoute,
      neighbourhoodRoute,
      schemaRoute,
      faqsRoute,
      sourcesRoute,
      adminRoutes,
      adminFeedbackRoute,
    ]) {
      await scoped.register(routes(deps));
    }
  });
  return app;
}
