import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { maskPersonalData } from '../../log/mask-personal-data.js';
import type { RouteDeps } from '../route-deps.js';
import { AskQuery, AskResponse, askRequestSchema, problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const askRoutes =
  ({ services, auth, limits, metrics }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('onRequest', auth.require('ask'));
    app.post(
      '/v1/ask',
      {
        schema: {
          tags: ['qa'],
          summary: 'Answer a customer question from the knowledge graph',
          description:
            'Maps the question to entities, attributes, relations, FAQs and policy sections and answers only from them, with citations. ' +
            'status is `answered`, `clarify` (see suggestions), `fallback` (nothing reliable found) or `escalated`.',
          body: askRequestSchema(limits.maxQuestionChars),
          querystring: AskQuery,
          security: keyOptional,
          response: { 200: AskResponse, ...problems(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      async (req, reply) => {
        const result = await services.qa.ask({ ...req.body, debug: req.query.debug });
        metrics.answers.inc({ status: result.status });
        // The one log line per question; what the customer typed may hold personal data.
        req.log.info(
          {
            question: maskPersonalData(req.body.question),
            status: result.status,
            confidence: result.confidence,
            language: result.language,
            ms: Math.round(reply.elapsedTime),
          },
          'question answered',
        );
        return result;
      },
    );
  };
