import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { Session, SessionParams } from '../schemas/sessions.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

const notFound = (id: string) => new HttpProblem(404, 'session_not_found', 'Session not found', `no session "${id}"`);

export const sessionsRoutes =
  ({ services, auth }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('onRequest', auth.require('ask'));

    app.get(
      '/v1/sessions/:id',
      {
        schema: {
          tags: ['sessions'],
          summary: 'What the assistant remembers of a conversation',
          description: 'Sessions expire some time after their last turn; an expired session is not found.',
          security: keyOptional,
          params: SessionParams,
          response: { 200: Session, ...problems(400, 401, 403, 404, 429, 503) },
        },
      },
      async (req) => {
        const s = await services.sessions.get(req.params.id);
        if (!s) throw notFound(req.params.id);
        return {
          id: s.id,
          lastEntities: s.lastEntities,
          ...(s.lastPredicate ? { lastPredicate: s.lastPredicate } : {}),
          turns: s.turns,
          updatedAt: new Date(s.updatedAt).toISOString(),
        };
      },
    );

    app.delete(
      '/v1/sessions/:id',
      {
        schema: {
          tags: ['sessions'],
          summary: 'Forget a conversation',
          description: 'The next question with this sessionId starts afresh.',
          security: keyOptional,
          params: SessionParams,
          response: { 204: z.undefined().describe('Forgotten'), ...problems(400, 401, 403, 404, 429, 503) },
        },
      },
      async (req, reply) => {
        if (!(await services.sessions.get(req.params.id))) throw notFound(req.params.id);
        await services.sessions.delete(req.params.id);
        return reply.status(204).send();
      },
    );
  };
