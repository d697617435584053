import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { FeedbackList, feedbackListQuery } from '../schemas/feedback.js';
import { problems } from '../schemas.js';
import { keyRequired } from '../security.js';

export const adminFeedbackRoute =
  ({ services, auth, limits }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/admin/feedback',
      {
        onRequest: auth.require('admin'),
        schema: {
          tags: ['admin'],
          summary: 'Feedback on answers, newest first',
          description: 'The in-memory store keeps the most recent entries only and forgets them on restart.',
          security: keyRequired,
          querystring: feedbackListQuery(limits.maxPageSize),
          response: { 200: FeedbackList, ...problems(400, 401, 403, 429, 503) },
        },
      },
      async (req) => {
        const { limit, offset } = req.query;
        const { items, total } = await services.feedback.list({ limit, offset });
        return { items, total, limit, offset };
      },
    );
  };
