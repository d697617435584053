import { z } from 'zod';

export const SessionParams = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .describe('The sessionId sent with /v1/ask')
    .meta({ examples: ['s-123'] }),
});

export const Session = z
  .object({
    id: z.string(),
    lastEntities: z.array(z.string()).describe('Entities the last answered turn was about, most relevant first'),
    lastPredicate: z.string().optional().describe('Schema id of the attribute or relation last asked for'),
    turns: z.number().int(),
    updatedAt: z.string().describe('ISO 8601'),
  })
  .meta({
    id: 'Session',
    examples: [
      {
        id: 's-123',
        lastEntities: ['p-x1'],
        lastPredicate: 'schema:attribute:price',
        turns: 2,
        updatedAt: '2026-01-05T08:00:00.000Z',
      },
      { id: 'chat-42', lastEntities: ['c-math'], turns: 1, updatedAt: '2026-01-05T08:03:00.000Z' },
    ],
  });
