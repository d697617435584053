import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/build-app.js';
import type { Embedder } from '../src/ports/embedder.js';
import { createServices, type Services } from '../src/services.js';
import { testBackends } from './support/backends.js';
import { createRealEmbedder, DEMO_PACK, realModelAvailable } from './support/model.js';

const hasModel = realModelAvailable();

/** The walking skeleton end to end: real model, real store, demo pack, HTTP in and out. */
describe.skipIf(!hasModel).each(testBackends())('/v1/ask end to end on $name', (backend) => {
  let app: FastifyInstance;
  let services: Services;
  let embedder: Embedder;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    embedder = createRealEmbedder();
    await embedder.init();
    const made = backend.create(embedder.dimension);
    cleanup = made.cleanup;
    services = createServices({ store: made.store, embedder });
    app = await buildApp({ services });
    await services.start();
    const summary = await services.ingest(DEMO_PACK);
    expect(summary.errors).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
    await cleanup?.();
    await services?.close();
  });

  const ask = async (body: Record<string, unknown>) => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: body });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('is ready once the store and model are up', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('answers a Chinese FAQ-style question with a cited source', async () => {
    const r = await ask({ question: '怎么申请退货？' });
    expect(r.status).toBe('answered');
    expect(r.language).toBe('zh');
    expect(r.answer).toMatch(/退货/);
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations[0].sourceId).toMatch(/\.(jsonl|md)$/);
    expect(r.citations[0].excerpt.length).toBeGreaterThan(0);
  });

  it('answers a Chinese attribute question from the graph', async () => {
    const r = await ask({ question: 'X1 耳机多少钱?' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('X1');
    expect(r.answer).toContain('699');
    expect(r.facts).toEqual([
      expect.objectContaining({ subject: 'p-x1', predicate: 'price', object: '699', source: 'products.csv' }),
    ]);
    expect(r.citations[0]).toMatchObject({ sourceId: 'products.csv', location: expect.stringMatching(/^line \d+$/) });
    expect(r.entities[0]).toMatchObject({ id: 'p-x1', type: 'product' });
    expect(r.confidence).toBeGreaterThan(0.8);
  });

  it('answers an English question in English', async () => {
    const r = await ask({ question: 'What is the battery life of the X1?' });
    expect(r.status).toBe('answered');
    expect(r.language).toBe('en');
    expect(r.answer).toMatch(/^The battery life of .*X1.* is 32\b/);
    expect(r.citations[0].sourceId).toBe('products.csv');
  });

  it('falls back honestly on a question outside the pack', async () => {
    const r = await ask({ question: '今天北京的天气怎么样？' });
    expect(r.status).toBe('fallback');
    expect(r.facts).toEqual([]);
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/没有找到/);
    const en = await ask({ question: 'Who won the football world cup in 1998?' });
    expect(en.status).toBe('fallback');
    expect(en.answer).toMatch(/couldn't find/);
  });

  it('rejects an empty question with problem+json', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
