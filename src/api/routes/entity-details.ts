import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { EntityDetails, NodeParams } from '../schemas/graph.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const entityDetailsRoute =
  ({ services, auth }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/entities/:id',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['graph'],
          summary: 'One node with its attributes, provenance, relationships and neighbours',
          description:
            'Any node kind can be fetched: entities, documents, sections, FAQs and schema items. ' +
            'Every attribute value and relationship carries the source file, location and file hash it came from.',
          security: keyOptional,
          params: NodeParams,
          response: { 200: EntityDetails, ...problems(400, 401, 403, 404, 429, 503) },
        },
      },
      async (req) => {
        const details = await services.catalog.nodeDetails(req.params.id);
        if (!details) throw new HttpProblem(404, 'entity_not_found', 'Entity not found', `no node "${req.params.id}"`);
        const { node, relationships, neighbours } = details;
        return {
          node,
          relationships: relationships.map(({ from, type, to, source, location, hash }) => ({
            from,
            type,
            to,
            source,
            location,
            hash,
          })),
          neighbours: neighbours.map(({ id, name, type, kind }) => ({ id, name, type, kind })),
        };
      },
    );
  };
