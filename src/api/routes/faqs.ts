import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../route-deps.js';
import { FaqList, faqQuery } from '../schemas/faqs.js';
import { problems } from '../schemas.js';
import { keyOptional } from '../security.js';

export const faqsRoute =
  ({ services, auth, limits }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/v1/faqs',
      {
        onRequest: auth.require('read'),
        schema: {
          tags: ['faqs'],
          summary: 'List FAQs, or find the ones closest in meaning to a question',
          description:
            'With `q`, FAQs are ranked by the embedding similarity of their question or alternates, with `score`.',
          security: keyOptional,
          querystring: faqQuery(limits.maxPageSize),
          response: { 200: FaqList, ...problems(400, 401, 403, 429, 503) },
        },
      },
      async (req) => {
        const { q, limit, offset } = req.query;
        const hits = await services.catalog.searchFaqs({ q, limit, offset });
        return {
          items: hits.map(({ faq, score }) => ({
            id: faq.id,
            question: faq.name,
            answer: faq.text,
            alternates: faq.aliases,
            tags: String(faq.attributes.tags?.value ?? '')
              .split('|')
              .filter(Boolean),
            source: faq.provenance[0]?.source ?? '',
            location: faq.provenance[0]?.location ?? '',
            ...(score === undefined ? {} : { score }),
          })),
          limit,
          offset,
        };
      },
    );
  };
