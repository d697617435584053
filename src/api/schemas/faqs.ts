import { z } from 'zod';
import { pageFields } from './paging.js';

export const Faq = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string(),
    alternates: z.array(z.string()).describe('Other wordings of the question'),
    tags: z.array(z.string()),
    source: z.string(),
    location: z.string(),
    score: z.number().optional().describe('Similarity to `q` (searches only)'),
  })
  .meta({
    id: 'Faq',
    examples: [
      {
        id: 'faq-enroll',
        question: '怎么报名课程？',
        answer: '在学生门户选择高等数学或学术英语后点击报名。',
        alternates: ['How do I enrol?'],
        tags: ['enrolment'],
        source: 'faq.jsonl',
        location: 'line 1',
      },
      {
        id: 'faq-returns',
        question: 'How do I return an item?',
        answer: 'Start a return from your order page within 7 days.',
        alternates: ['怎么退货？'],
        tags: ['returns'],
        source: 'faq.jsonl',
        location: 'line 4',
        score: 0.83,
      },
    ],
  });

export const faqQuery = (maxPageSize: number) =>
  z.object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Search by meaning over FAQ questions and alternates; absent lists FAQs in id order')
      .meta({ examples: ['怎么报名', 'how to enrol'] }),
    ...pageFields(maxPageSize),
  });

export const FaqList = z.object({ items: z.array(Faq), limit: z.number().int(), offset: z.number().int() }).meta({
  id: 'FaqList',
  examples: [
    {
      items: [
        {
          id: 'faq-cert',
          question: '结课有证书吗？',
          answer: '通过考试即可获得结课证书。',
          alternates: [],
          tags: [],
          source: 'faq.jsonl',
          location: 'line 2',
        },
      ],
      limit: 20,
      offset: 0,
    },
    {
      items: [
        {
          id: 'faq-returns',
          question: 'How do I return an item?',
          answer: 'Start a return from your order page within 7 days.',
          alternates: ['怎么退货？'],
          tags: ['returns'],
          source: 'faq.jsonl',
          location: 'line 4',
          score: 0.91,
        },
      ],
      limit: 5,
      offset: 0,
    },
  ],
});
