import { z } from 'zod';
import { limitDependent } from './limit-dependent.js';
import { pageFields } from './paging.js';

const FeedbackCitation = z
  .object({
    sourceId: z.string().min(1).max(512),
    location: z.string().max(512).optional(),
    nodeId: z.string().max(512).optional(),
  })
  .meta({ id: 'FeedbackCitation' });

const feedbackFields = (maxQuestionChars: number) => ({
  sessionId: z.string().min(1).max(128).optional(),
  question: z.string().trim().min(1).max(maxQuestionChars),
  answer: z.string().max(10_000).optional().describe('The answer being rated, as shown'),
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(2_000).optional(),
  citations: z.array(FeedbackCitation).max(50).optional().describe('The citations the answer showed'),
});

const FEEDBACK_EXAMPLES = [
  { sessionId: 's-123', question: 'X1 耳机多少钱？', answer: 'X1 降噪耳机的价格是699元。', rating: 'up' },
  {
    question: 'What is the return window?',
    answer: 'Returns are accepted within 7 days.',
    rating: 'down',
    comment: 'It is 30 days for members.',
    citations: [{ sourceId: 'policies/returns.md', location: '退货政策 > 时限' }],
  },
];

/** The feedback body; its question is as long as a question may be (MAX_QUESTION_CHARS). */
export const feedbackRequest = limitDependent('FeedbackRequest', (max) => z.object(feedbackFields(max)), {
  examples: FEEDBACK_EXAMPLES,
});

export const FeedbackAccepted = z.object({ id: z.string(), receivedAt: z.string() }).meta({
  id: 'FeedbackAccepted',
  examples: [{ id: '3b1f6c1e-8f0e-4a57-9a35-0d6f2f0f6a11', receivedAt: '2026-01-05T08:00:00.000Z' }],
});

export const FeedbackRecord = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    sessionId: z.string().optional(),
    question: z.string(),
    answer: z.string().optional(),
    rating: z.enum(['up', 'down']),
    comment: z.string().optional(),
    citations: z.array(FeedbackCitation).optional(),
  })
  .meta({ id: 'FeedbackRecord' });

export const feedbackListQuery = (maxPageSize: number) => z.object(pageFields(maxPageSize));

export const FeedbackList = z
  .object({
    items: z.array(FeedbackRecord),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({
    id: 'FeedbackList',
    examples: [
      {
        items: [
          {
            id: '3b1f6c1e-8f0e-4a57-9a35-0d6f2f0f6a11',
            receivedAt: '2026-01-05T08:00:00.000Z',
            question: 'X1 耳机多少钱？',
            answer: 'X1 降噪耳机的价格是699元。',
            rating: 'up',
          },
          {
            id: '8a0e2d4c-1b7f-4f0a-bc55-6a8e9d3e2f10',
            receivedAt: '2026-01-05T08:01:00.000Z',
            question: 'Do you ship abroad?',
            rating: 'down',
            comment: 'No answer given',
          },
        ],
        total: 2,
        limit: 20,
        offset: 0,
      },
    ],
  });
