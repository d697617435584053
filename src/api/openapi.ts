import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { tidyComponents } from './openapi-components.js';

/** The OpenAPI document, generated from the routes' zod schemas, plus the explorer at /docs. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Knowledge-graph customer service API',
        description:
          'Grounded answers from a knowledge graph, with citations, and read access to the graph behind them. ' +
          'Errors are application/problem+json with a stable `code`. 智能客服知识图谱问答接口。',
        version,
      },
      tags: [
        { name: 'qa', description: 'Question answering 问答' },
        { name: 'graph', description: 'Browse the knowledge graph: entities, nodes, neighbourhoods, schema 知识图谱' },
        { name: 'faqs', description: 'Frequently asked questions 常见问题' },
        { name: 'sources', description: 'Imported pack files 数据来源' },
        { name: 'feedback', description: 'Ratings of answers 反馈' },
        { name: 'sessions', description: 'Conversation state 会话' },
        { name: 'admin', description: 'Knowledge-graph administration (admin scope) 管理' },
        { name: 'operations', description: 'Health, readiness and metrics 运维' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => tidyComponents(jsonSchemaTransformObject(doc)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
