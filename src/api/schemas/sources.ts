import { z } from 'zod';

export const Source = z
  .object({
    id: z.string().describe('Path of the file inside its pack'),
    hash: z.string().describe('sha256 of the file'),
    fingerprint: z.string().describe('Decides whether a re-import can be skipped'),
    format: z.string().describe('csv, md, jsonl, tsv or yaml'),
    importedAt: z.string().describe('ISO 8601'),
    counts: z.object({ nodes: z.number().int(), relationships: z.number().int(), terms: z.number().int() }),
  })
  .meta({ id: 'Source' });

export const SourceList = z.object({ items: z.array(Source) }).meta({
  id: 'SourceList',
  examples: [
    {
      items: [
        {
          id: 'courses.csv',
          hash: '9f2c…',
          fingerprint: '9f2c…+3ab1…',
          format: 'csv',
          importedAt: '2026-01-05T08:00:00.000Z',
          counts: { nodes: 2, relationships: 2, terms: 6 },
        },
        {
          id: 'docs/refund.md',
          hash: '51d0…',
          fingerprint: '51d0…',
          format: 'md',
          importedAt: '2026-01-05T08:00:00.000Z',
          counts: { nodes: 4, relationships: 5, terms: 4 },
        },
      ],
    },
    {
      items: [
        {
          id: '政策/退货.md',
          hash: '7c4e…',
          fingerprint: '7c4e…',
          format: 'md',
          importedAt: '2026-02-01T12:30:00.000Z',
          counts: { nodes: 6, relationships: 9, terms: 6 },
        },
      ],
    },
  ],
});
