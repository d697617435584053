import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { SourceList } from '../schemas/sources.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const sourcesRoute =
  ({ services, auth }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/sources',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['sources'],
          summary: 'Imported pack files with their hash, fingerprint, format, import time and counts',
          security: keyOptional,
          response: { 200: SourceList, ...problems(401, 403, 429, 503) },
        },
      },
      async () => ({ items: await services.catalog.sources() }),
    );
  };
