import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { QaService } from '../../qa/qa-service.js';
import type { Auth } from '../auth.js';
import { AskQuery, AskRequest, AskResponse, Problem } from '../schemas.js';

export const askRoutes =
  (qa: QaService, auth: Auth): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', auth.require('ask'));
    app.post(
      '/v1/ask',
      {
        schema: {
          tags: ['qa'],
          summary: 'Answer a customer question from the knowledge graph',
          description:
            'Maps the question to entities, attributes, relations, FAQs and policy sections and answers only from them, with citations. ' +
            'status is `answered`, `clarify` (see suggestions), `fallback` (nothing reliable found) or `escalated`.',
          body: AskRequest,
          querystring: AskQuery,
          security: [{}, { apiKey: [] }, { bearer: [] }],
          response: { 200: AskResponse, 400: Problem, 401: Problem, 403: Problem, 503: Problem },
        },
      },
      async (req) => qa.ask({ ...req.body, debug: req.query.debug }),
    );
  };
