import { z } from 'zod';
import { limitDependent } from './schemas/limit-dependent.js';

export const Language = z.enum(['zh', 'en']).meta({ id: 'Language' });

const askRequestShape = (maxQuestionChars: number) =>
  z.object({
    question: z
      .string()
      .trim()
      .min(1)
      .max(maxQuestionChars)
      .describe(
        `The customer question, Chinese or English, at most ${maxQuestionChars} characters (MAX_QUESTION_CHARS)`,
      ),
    sessionId: z.string().min(1).max(128).optional().describe('Keeps context between turns of one conversation'),
    customerId: z.string().min(1).max(128).optional(),
    channel: z.string().min(1).max(32).optional().describe('web, email, wechat, …'),
    language: Language.optional().describe('Answer language; detected from the question when absent'),
  });

/** The ask body for a configured question length (MAX_QUESTION_CHARS). */
export const askRequestSchema = limitDependent('AskRequest', askRequestShape, {
  examples: [{ question: 'X1 耳机多少钱？', sessionId: 's-123' }, { question: 'What is the battery life of the X1?' }],
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
    escalation: z
      .object({
        reason: z.enum(['asked_for_human', 'abusive_or_angry', 'repeated_fallback']),
        detail: z.string(),
      })
      .optional()
      .describe('Why the conversation was handed to a person, when status is escalated'),
    trace: z.array(z.object({ stage: z.string(), ms: z.number(), detail: z.unknown() })).optional(),
  })
  .meta({ id: 'AskResponse' });

export const Problem = z
  .object({
    type: z.string().describe('URI naming the problem type; ends with the code'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional().describe('What went wrong with this request; never internal details'),
    code: z.string().describe('Stable machine-readable error code'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('One entry per invalid field (validation_failed only)'),
  })
  .meta({
    id: 'Problem',
    examples: [
      {
        type: 'https://errors.kgqa.dev/entity_not_found',
        title: 'Entity not found',
        status: 404,
        detail: 'no node "c-physics"',
        code: 'entity_not_found',
      },
      {
        type: 'https://errors.kgqa.dev/validation_failed',
        title: 'Request validation failed',
        status: 400,
        detail: 'body/question Too small: expected string to have >=1 characters',
        code: 'validation_failed',
        errors: [{ path: 'body/question', message: 'Too small: expected string to have >=1 characters' }],
      },
    ],
  });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `errors` lists each invalid field',
  401: 'No API key, or an unknown one, where a key is required',
  403: 'The API key lacks the scope this route needs',
  404: 'Not found',
  413: 'Request body larger than the configured limit',
  415: 'Unsupported content type',
  429: 'Rate limit exceeded; see the retry-after header',
  500: 'Internal error (details are logged, never returned)',
  503: 'Not ready yet, or the request took longer than the configured timeout',
};

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof Problem } };
}

/** Problem responses for the OpenAPI document and the serializer, as application/problem+json. */
export function problems(...statuses: number[]): Record<number, ProblemResponse> {
  return Object.fromEntries(
    [...statuses, 500].map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );
}

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
