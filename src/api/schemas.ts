import { z } from 'zod';

export const Language = z.enum(['zh', 'en']).meta({ id: 'Language' });

export const AskRequest = z
  .object({
    question: z.string().trim().min(1).max(500).describe('The customer question, Chinese or English'),
    sessionId: z.string().min(1).max(128).optional().describe('Keeps context between turns of one conversation'),
    customerId: z.string().min(1).max(128).optional(),
    channel: z.string().min(1).max(32).optional().describe('web, email, wechat, …'),
    language: Language.optional().describe('Answer language; detected from the question when absent'),
  })
  .meta({
    id: 'AskRequest',
    examples: [
      { question: 'X1 耳机多少钱？', sessionId: 's-123' },
      { question: 'What is the battery life of the X1?' },
    ],
  });

export const AskQuery = z.object({
  debug: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Include the pipeline trace'),
});

const Citation = z
  .object({
    sourceId: z.string().describe('Pack file the fact came from'),
    title: z.string(),
    excerpt: z.string(),
    location: z.string().optional().describe('Line or section in the source'),
    nodeId: z.string().optional(),
  })
  .meta({ id: 'Citation' });

const EntityRef = z.object({ id: z.string(), name: z.string(), type: z.string() }).meta({ id: 'EntityRef' });

const Fact = z
  .object({
    subject: z.string(),
    subjectName: z.string(),
    predicate: z.string(),
    object: z.string(),
    source: z.string(),
    location: z.string(),
  })
  .meta({ id: 'Fact' });

const Suggestion = z
  .object({ id: z.string(), text: z.string(), kind: z.enum(['entity', 'faq', 'section', 'document']) })
  .meta({ id: 'Suggestion' });

export const AskResponse = z
  .object({
    answer: z.string(),
    status: z.enum(['answered', 'clarify', 'fallback', 'escalated']),
    confidence: z.number().min(0).max(1),
    language: Language,
    citations: z.array(Citation),
    entities: z.array(EntityRef),
    facts: z.array(Fact),
    suggestions: z.array(Suggestion),
    sessionId: z.string().optional(),
    trace: z.array(z.object({ stage: z.string(), ms: z.number(), detail: z.unknown() })).optional(),
  })
  .meta({ id: 'AskResponse' });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().describe('Stable machine-readable error code'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const Health = z.object({ status: z.enum(['ok', 'starting']) }).meta({ id: 'Health' });

export const IngestSummary = z
  .object({
    dryRun: z.boolean(),
    files: z.object({
      total: z.number().int(),
      imported: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
      removed: z.number().int(),
    }),
    counts: z.object({
      entities: z.number().int(),
      relationships: z.number().int(),
      documents: z.number().int(),
      sections: z.number().int(),
      faqs: z.number().int(),
      terms: z.number().int(),
    }),
    errors: z.array(z.object({ file: z.string(), line: z.number().int().optional(), reason: z.string() })),
    reports: z.array(
      z.object({
        file: z.string(),
        status: z.enum(['imported', 'unchanged', 'failed', 'removed', 'valid']),
        line: z.number().int().optional(),
        reason: z.string().optional(),
      }),
    ),
    durationMs: z.number(),
  })
  .meta({ id: 'IngestSummary' });
