import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { Neighbourhood, neighbourhoodQuery } from '../schemas/graph.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const neighbourhoodRoute =
  ({ services, auth, limits }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/graph/neighbourhood',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['graph'],
          summary: 'The nodes and relationships around one node, for drawing',
          description:
            'Breadth-first up to `depth` hops; stops adding nodes at `limit`. Relationships join returned nodes only.',
          security: keyOptional,
          querystring: neighbourhoodQuery(limits.maxPageSize),
          response: { 200: Neighbourhood, ...problems(400, 401, 403, 404, 429, 503) },
        },
      },
      async (req) => {
        const { id, depth, limit } = req.query;
        const found = await services.catalog.neighbourhood(id, depth, limit);
        if (!found) throw new HttpProblem(404, 'entity_not_found', 'Entity not found', `no node "${id}"`);
        return {
          nodes: found.nodes.map(({ id, name, type, kind }) => ({ id, name, type, kind })),
          relationships: found.relationships.map(({ from, type, to, source, location }) => ({
            from,
            type,
            to,
            source,
            location,
          })),
        };
      },
    );
  };
