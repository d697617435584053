import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import { buildApp } from '../../src/api/build-app.js';
import { createServices, type Services } from '../../src/services.js';

/** How the pages are served (no browser needed): open HTML, strict headers, only two files of node_modules. */
describe('page routes', () => {
  let app: FastifyInstance;
  let services: Services;

  beforeAll(async () => {
    services = createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(512) });
    await services.start();
    // No public scopes: the API needs a key, the pages themselves must not.
    app = await buildApp({
      services,
      auth: { keys: [{ key: 'k-0123456789abcdef', scopes: ['ask'] }], publicScopes: [] },
    });
  });

  afterAll(async () => {
    await app?.close();
    await services?.close();
  });

  it.each(['/', '/explorer'])('serves %s as HTML without a key, with a same-origin CSP', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatch(/^<!doctype html>/);
    // Nothing from another origin: the machine the pages run on may have no internet.
    expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves the page assets with revalidation', async () => {
    for (const [url, type] of [
      ['/assets/app.css', 'text/css'],
      ['/assets/chat.js', 'javascript'],
      ['/assets/explorer.js', 'javascript'],
      ['/assets/icon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain(type);
      expect(res.headers.etag, url).toBeTruthy();
    }
  });

  it('serves the sigma and graphology browser bundles and nothing else of node_modules', async () => {
    const sigma = await app.inject('/vendor/sigma.min.js');
    expect(sigma.statusCode).toBe(200);
    expect(sigma.headers['content-type']).toContain('javascript');
    expect(sigma.body).toContain('Sigma');
    expect((await app.inject('/vendor/graphology.umd.min.js')).statusCode).toBe(200);
    const etag = sigma.headers.etag as string;
    expect((await app.inject({ url: '/vendor/sigma.min.js', headers: { 'if-none-match': etag } })).statusCode).toBe(
      304,
    );
    for (const url of [
      '/vendor/sigma.cjs.js',
      '/vendor/package.json',
      '/vendor/../package.json',
      '/vendor/%2e%2e/package.json',
      '/assets/../index.html',
      '/assets/%2e%2e/explorer.html',
    ]) {
      expect((await app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('still asks for a key on the API the pages call', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: 'X1 耳机多少钱？' } });
    expect(res.statusCode).toBe(401);
  });
});
