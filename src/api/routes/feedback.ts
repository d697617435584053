import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { FeedbackAccepted, feedbackRequest } from '../schemas/feedback.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const feedbackRoute =
  ({ services, auth, limits }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/v1/feedback',
      {
        onRequest: auth.require('ask'),
        schema: {
          tags: ['feedback'],
          summary: 'Rate an answer up or down, with an optional comment',
          description: 'Accepted for review by the shop (GET /v1/admin/feedback); nothing changes in the graph.',
          security: keyOptional,
          body: feedbackRequest(limits.maxQuestionChars),
          response: { 202: FeedbackAccepted, ...problems(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      async (req, reply) => {
        const { id, receivedAt } = await services.feedback.add(req.body);
        // Rating only: the question and comment are the customer's words and stay out of the log.
        req.log.info({ feedbackId: id, rating: req.body.rating, sessionId: req.body.sessionId }, 'feedback received');
        return reply.status(202).send({ id, receivedAt });
      },
    );
  };
