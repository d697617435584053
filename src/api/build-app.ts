import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Services } from '../services.js';
import { type AuthOptions, createAuth } from './auth.js';
import { HttpProblem, registerProblemHandlers } from './problem.js';
import { adminRoutes } from './routes/admin.js';
import { askRoutes } from './routes/ask.js';
import { healthRoutes } from './routes/health.js';

export interface AppOptions {
  services: Services;
  /** Defaults: no keys, ask and read public (admin routes then refuse everyone). */
  auth?: AuthOptions;
  maxUploadBytes?: number;
  logger?: FastifyBaseLogger | boolean;
  version?: string;
}

/** The HTTP edge: Fastify plugins, routes and the OpenAPI document; no business logic here. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { services } = opts;
  const auth = createAuth(opts.auth ?? { keys: [], publicScopes: ['ask', 'read'] });
  const app = Fastify({
    loggerInstance: typeof opts.logger === 'object' ? opts.logger : undefined,
    logger: typeof opts.logger === 'boolean' ? opts.logger : undefined,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Knowledge-graph customer service API',
        description: 'Grounded answers from a knowledge graph, with citations. 智能客服知识图谱问答接口。',
        version: opts.version ?? '0.1.0',
      },
      tags: [
        { name: 'qa', description: 'Question answering' },
        { name: 'admin', description: 'Knowledge-graph administration (admin scope)' },
        { name: 'operations', description: 'Health and readiness' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(services.isReady));
  await app.register(async (scoped) => {
    // Answering before the model and store are up would fail on every request; say so instead.
    scoped.addHook('onRequest', async () => {
      if (!services.isReady()) throw new HttpProblem(503, 'not_ready', 'Not ready', 'the service is still starting');
    });
    await scoped.register(askRoutes(services.qa, auth));
    await scoped.register(adminRoutes(services, auth, opts.maxUploadBytes ?? 50 * 1024 * 1024));
  });
  return app;
}
