import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniApp } from './support/api-app.js';

interface Operation {
  tags?: string[];
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

describe('GET /openapi.json', () => {
  let t: Awaited<ReturnType<typeof miniApp>>;
  let doc: Doc;
  beforeAll(async () => {
    t = await miniApp({ ingest: false });
    const res = await t.app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every API route', () => {
    expect(
      operations()
        .map((o) => o.name)
        .sort(),
    ).toEqual([
      'DELETE /v1/admin/sources',
      'DELETE /v1/sessions/{id}',
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'GET /v1/admin/feedback',
      'GET /v1/entities',
      'GET /v1/entities/{id}',
      'GET /v1/faqs',
      'GET /v1/graph/neighbourhood',
      'GET /v1/schema',
      'GET /v1/sessions/{id}',
      'GET /v1/sources',
      'POST /v1/admin/ingest',
      'POST /v1/ask',
      'POST /v1/feedback',
    ]);
  });

  it('gives every operation tags, a summary, a 2xx response schema and problem+json errors', () => {
    for (const { name, op } of operations()) {
      expect(op.tags?.length, name).toBeGreaterThan(0);
      expect(op.summary, name).toBeTruthy();
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        expect(schemas.length, `${name} ${status}`).toBeGreaterThan(0);
      }
      const problems = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      expect(problems.length, name).toBeGreaterThan(0);
      for (const [status, response] of problems) {
        expect(response.content?.['application/problem+json']?.schema, `${name} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
  });

  it('names the shared shapes as components, without Input/Output duplicates', () => {
    const names = Object.keys(doc.components.schemas);
    for (const name of [
      'AskRequest',
      'AskResponse',
      'Problem',
      'Entity',
      'EntityList',
      'EntityDetails',
      'Node',
      'Relationship',
      'Neighbourhood',
      'SchemaCatalog',
      'FaqList',
      'SourceList',
      'FeedbackRequest',
      'FeedbackAccepted',
      'FeedbackList',
      'Session',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('AskRequestInput');
    expect(names).not.toContain('ProblemInput');
    const ask = doc.paths['/v1/ask']!.post as unknown as {
      requestBody: { content: Record<string, { schema: unknown }> };
    };
    expect(ask.requestBody.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/AskRequest' });
  });

  it('carries Chinese and English examples on the read responses', () => {
    const strings = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
    for (const name of ['EntityList', 'EntityDetails', 'Neighbourhood', 'SchemaCatalog', 'FaqList', 'SourceList']) {
      const examples = (doc.components.schemas[name] as { examples?: unknown[] }).examples ?? [];
      expect(examples.length, name).toBeGreaterThan(0);
      const values = strings(examples);
      expect(
        values.some((v) => /\p{Script=Han}/u.test(v)),
        name,
      ).toBe(true);
      expect(
        values.some((v) => /[A-Za-z]{4,}/.test(v) && !/\p{Script=Han}/u.test(v)),
        name,
      ).toBe(true);
    }
  });

  it('documents the configured question length, also when another app uses another one', async () => {
    const maxLength = (d: Doc) =>
      (d.components.schemas.AskRequest as { properties: { question: { maxLength: number } } }).properties.question
        .maxLength;
    expect(maxLength(doc)).toBe(500);
    const other = await miniApp({ ingest: false, limits: { maxQuestionChars: 20 } });
    const otherDoc: Doc = (await other.app.inject('/openapi.json')).json();
    const body = (
      otherDoc.paths['/v1/ask']!.post as unknown as { requestBody: { content: Record<string, { schema: unknown }> } }
    ).requestBody.content['application/json']!.schema;
    expect(body).toMatchObject({ properties: { question: { maxLength: 20 } } });
    await other.close();
    const again: Doc = (await t.app.inject('/openapi.json')).json();
    expect(maxLength(again)).toBe(500);
  });

  it('matches the committed document (regenerate with vitest -u after an intended API change)', async () => {
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/openapi.json');
  });
});
