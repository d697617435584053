import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { SchemaCatalog } from '../schemas/schema-catalog.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const schemaRoute =
  ({ services, auth }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/schema',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['graph'],
          summary: 'Entity types, attributes and relations with their labels, synonyms and units',
          description:
            'What the pack’s schema.yaml says; questions are mapped to attributes and relations through these names.',
          security: keyOptional,
          response: { 200: SchemaCatalog, ...problems(401, 403, 429, 503) },
        },
      },
      async () => services.catalog.schema(),
    );
  };
