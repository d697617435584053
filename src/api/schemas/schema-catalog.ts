import { z } from 'zod';

const SchemaEntry = z
  .object({
    id: z.string(),
    key: z.string().describe('Name in the pack: column header, relation type or entity type'),
    labels: z.record(z.string(), z.string()).describe('Label per language code'),
    synonyms: z.array(z.string()).describe('Other phrases that name it in questions'),
    unit: z.string().optional(),
    units: z.record(z.string(), z.string()).optional().describe('Unit per language, when it differs'),
    description: z.string().optional(),
    sources: z.array(z.string()).describe('Files that describe or use it'),
  })
  .meta({ id: 'SchemaEntry' });

export const SchemaCatalog = z
  .object({ types: z.array(SchemaEntry), attributes: z.array(SchemaEntry), relations: z.array(SchemaEntry) })
  .meta({
    id: 'SchemaCatalog',
    examples: [
      {
        types: [
          {
            id: 'schema:type:course',
            key: 'course',
            labels: { zh: '课程', en: 'course' },
            synonyms: ['Course'],
            sources: ['schema.yaml'],
          },
        ],
        attributes: [
          {
            id: 'schema:attribute:fee',
            key: 'fee',
            labels: { zh: '学费', en: 'tuition fee' },
            synonyms: ['Fee', '多少钱', 'how much'],
            unit: '元',
            sources: ['schema.yaml'],
          },
        ],
        relations: [
          {
            id: 'schema:relation:TAUGHT_BY',
            key: 'TAUGHT_BY',
            labels: { zh: '授课老师', en: 'teacher' },
            synonyms: ['Taught by', '谁教', 'who teaches'],
            sources: ['schema.yaml'],
          },
        ],
      },
      {
        types: [],
        attributes: [
          {
            id: 'schema:attribute:battery_life',
            key: 'battery_life',
            labels: { zh: '续航', en: 'battery life' },
            synonyms: ['Battery life'],
            unit: '小时',
            units: { zh: '小时', en: 'hours' },
            sources: ['schema.yaml'],
          },
        ],
        relations: [],
      },
    ],
  });
