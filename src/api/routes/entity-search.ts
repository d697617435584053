import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { EntityList, entityQuery } from '../schemas/graph.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const entitySearchRoute =
  ({ services, auth, limits }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/entities',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['graph'],
          summary: 'Search entities by name or meaning, or list them',
          description:
            'With `q`: entities whose name or alias is exactly `q` first, then the nearest entity names by embedding ' +
            'similarity, each entity once. Without `q`: entities in id order. `type` narrows either to one entity type.',
          security: keyOptional,
          querystring: entityQuery(limits.maxPageSize),
          response: { 200: EntityList, ...problems(400, 401, 403, 429, 503) },
        },
      },
      async (req) => {
        const { q, type, limit, offset } = req.query;
        const nodes = await services.catalog.searchEntities({ q, type, limit, offset });
        return {
          items: nodes.map(({ id, name, type, kind, aliases }) => ({ id, name, type, kind, aliases })),
          limit,
          offset,
        };
      },
    );
  };
