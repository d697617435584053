import { z } from 'zod';
import { pageFields } from './paging.js';

const NodeKind = z.enum(['entity', 'document', 'section', 'faq', 'schema']).meta({ id: 'NodeKind' });
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const NodeSummary = z.object({ id: z.string(), name: z.string(), type: z.string(), kind: NodeKind }).meta({
  id: 'NodeSummary',
  examples: [
    { id: 'c-math', name: '高等数学', type: 'course', kind: 'entity' },
    { id: 'p-x1', name: 'X1 Noise-cancelling Headphones', type: 'product', kind: 'entity' },
  ],
});

export const Entity = z
  .object({ id: z.string(), name: z.string(), type: z.string(), kind: NodeKind, aliases: z.array(z.string()) })
  .meta({
    id: 'Entity',
    examples: [
      { id: 'c-math', name: '高等数学', type: 'course', kind: 'entity', aliases: ['Calculus', 'Math 101'] },
      { id: 't-wang', name: '王老师', type: 'teacher', kind: 'entity', aliases: ['Ms. Wang'] },
    ],
  });

export const entityQuery = (maxPageSize: number) =>
  z.object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Name or description; exact name and alias matches come first, then the nearest by meaning')
      .meta({ examples: ['高等数学', 'Calculus'] }),
    type: z.string().min(1).max(64).optional().describe('Entity type, e.g. product, course'),
    ...pageFields(maxPageSize),
  });

export const EntityList = z.object({ items: z.array(Entity), limit: z.number().int(), offset: z.number().int() }).meta({
  id: 'EntityList',
  examples: [
    {
      items: [{ id: 'c-math', name: '高等数学', type: 'course', kind: 'entity', aliases: ['Calculus', 'Math 101'] }],
      limit: 20,
      offset: 0,
    },
    {
      items: [{ id: 'p-x1', name: 'X1 Headphones', type: 'product', kind: 'entity', aliases: ['X1', 'X1 耳机'] }],
      limit: 20,
      offset: 20,
    },
  ],
});

const Provenance = z
  .object({
    source: z.string().describe('Pack file'),
    location: z.string().describe('"line 12" or a heading path'),
    hash: z.string().describe('sha256 of the source file'),
  })
  .meta({ id: 'Provenance' });

const AttributeValue = Provenance.extend({ value: Scalar }).meta({ id: 'AttributeValue' });

export const Node = z
  .object({
    id: z.string(),
    kind: NodeKind,
    type: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    text: z.string().describe('Description, section body or FAQ answer'),
    attributes: z.record(z.string(), AttributeValue),
    provenance: z.array(Provenance),
  })
  .meta({ id: 'Node' });

/** A relationship as the neighbourhood view draws it. */
export const Edge = z
  .object({ from: z.string(), type: z.string(), to: z.string(), source: z.string(), location: z.string() })
  .meta({ id: 'Edge' });

export const Relationship = Edge.extend({ hash: z.string() }).meta({ id: 'Relationship' });

const HASH = 'sha256:…';
export const EntityDetails = z
  .object({ node: Node, relationships: z.array(Relationship), neighbours: z.array(NodeSummary) })
  .meta({
    id: 'EntityDetails',
    examples: [
      {
        node: {
          id: 'c-math',
          kind: 'entity',
          type: 'course',
          name: '高等数学',
          aliases: ['Calculus', 'Math 101'],
          text: 'Limits, derivatives and integrals.',
          attributes: { fee: { value: 1200, source: 'courses.csv', location: 'line 2', hash: HASH } },
          provenance: [{ source: 'courses.csv', location: 'line 2', hash: HASH }],
        },
        relationships: [
          { from: 'c-math', type: 'TAUGHT_BY', to: 't-li', source: 'courses.csv', location: 'line 2', hash: HASH },
        ],
        neighbours: [{ id: 't-li', name: '李老师', type: 'teacher', kind: 'entity' }],
      },
      {
        node: {
          id: 'faq-cert',
          kind: 'faq',
          type: 'faq',
          name: 'Is there a certificate?',
          aliases: [],
          text: 'Pass the exam to receive a certificate.',
          attributes: {},
          provenance: [{ source: 'faq.jsonl', location: 'line 2', hash: HASH }],
        },
        relationships: [],
        neighbours: [],
      },
    ],
  });

export const NodeParams = z.object({
  id: z
    .string()
    .min(1)
    .max(512)
    .describe('Node id (any kind: entity, document, section, faq, schema); URL-encode slashes')
    .meta({ examples: ['c-math', 'faq-cert'] }),
});

export const neighbourhoodQuery = (maxPageSize: number) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(512)
      .describe('Centre node id')
      .meta({ examples: ['c-math', 'p-x1'] }),
    depth: z.coerce.number().int().min(1).max(3).default(1).describe('Hops from the centre, 1–3'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxPageSize)
      .default(Math.min(50, maxPageSize))
      .describe(`Most nodes returned, centre included; at most ${maxPageSize} (MAX_PAGE_SIZE)`),
  });

export const Neighbourhood = z.object({ nodes: z.array(NodeSummary), relationships: z.array(Edge) }).meta({
  id: 'Neighbourhood',
  examples: [
    {
      nodes: [
        { id: 'c-math', name: '高等数学', type: 'course', kind: 'entity' },
        { id: 't-li', name: '李老师', type: 'teacher', kind: 'entity' },
      ],
      relationships: [{ from: 'c-math', type: 'TAUGHT_BY', to: 't-li', source: 'courses.csv', location: 'line 2' }],
    },
    {
      nodes: [
        { id: 'p-x1', name: 'X1 Headphones', type: 'product', kind: 'entity' },
        { id: 'cat-audio', name: 'Audio', type: 'category', kind: 'entity' },
      ],
      relationships: [
        { from: 'p-x1', type: 'IN_CATEGORY', to: 'cat-audio', source: 'products.csv', location: 'line 3' },
      ],
    },
  ],
});
