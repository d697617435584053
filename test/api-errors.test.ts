import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { buildApp } from '../src/api/build-app.js';
import { createServices } from '../src/services.js';
import { KEYS, miniApp, withKey } from './support/api-app.js';

type App = Awaited<ReturnType<typeof miniApp>>;
type Res = { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> };

const PROBLEM_KEYS = ['code', 'detail', 'errors', 'status', 'title', 'type'];

function expectProblem(res: Res, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ type: `https://errors.kgqa.dev/${code}`, status, code, title: expect.any(String) });
  for (const k of Object.keys(body)) expect(PROBLEM_KEYS).toContain(k);
  return body;
}

describe('one problem+json shape for every error', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({ auth: { keys: [{ key: KEYS.admin, scopes: ['admin'] }], publicScopes: ['ask', 'read'] } });
  });
  afterAll(() => t.close());

  it('404 for an unknown path', async () => {
    const body = expectProblem(await t.app.inject('/v2/nothing'), 404, 'not_found');
    expect(body.detail).toBe('GET /v2/nothing does not exist');
  });

  it('405 with Allow for a known path and the wrong method', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/v1/entities/c-math' });
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD');
    const ask = await t.app.inject({ method: 'GET', url: '/v1/ask' });
    expectProblem(ask, 405, 'method_not_allowed');
    expect(ask.headers.allow).toBe('POST');
    expect((await t.app.inject({ method: 'POST', url: '/v1/sessions/s-1' })).headers.allow).toBe('DELETE, GET, HEAD');
  });

  it('404, not 405, when a route for the method exists but finds nothing (static files)', async () => {
    const res = await t.app.inject('/assets/no-such-file.js');
    expectProblem(res, 404, 'not_found');
    expect(res.headers.allow).toBeUndefined();
  });

  it('400 validation_failed with one entry per invalid field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: { question: '', language: 'fr', channel: 7 },
    });
    const body = expectProblem(res, 400, 'validation_failed');
    expect((body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'body/channel',
      'body/language',
      'body/question',
    ]);
  });

  it('400 invalid_json and empty_body for broken JSON', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: '{"question": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(broken, 400, 'invalid_json');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(empty, 400, 'empty_body');
  });

  it('415 for a body type the route does not take', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: 'question=hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('413 for a body over the limit, on JSON routes and on the pack upload', async () => {
    const small = await miniApp({ ingest: false, limits: { bodyLimitBytes: 1024, maxUploadBytes: 2048 } });
    try {
      const big = await small.app.inject({
        method: 'POST',
        url: '/v1/feedback',
        payload: { question: 'q', rating: 'down', comment: 'x'.repeat(2000) },
        headers: withKey(KEYS.ask),
      });
      expectProblem(big, 413, 'body_too_large');
      const upload = await small.app.inject({
        method: 'POST',
        url: '/v1/admin/ingest',
        payload: Buffer.alloc(4096),
        headers: { 'content-type': 'application/zip', ...withKey(KEYS.admin) },
      });
      expectProblem(upload, 413, 'body_too_large');
    } finally {
      await small.close();
    }
  });
});

describe('server errors', () => {
  it('500 without the internal message, which goes to the log only', async () => {
    const store = createMemoryStore();
    store.listSources = async () => {
      throw new Error('connection to db://admin:hunter2@10.0.0.5 refused');
    };
    const services = createServices({ store, embedder: createFakeEmbedder(512) });
    const lines: string[] = [];
    const { default: pino } = await import('pino');
    const logger = pino({ level: 'error' }, { write: (l: string) => lines.push(l) });
    const app = await buildApp({ services, logger });
    await services.start();
    const res = await app.inject('/v1/sources');
    const body = expectProblem(res, 500, 'internal_error');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|db:\/\/|refused/);
    expect(body.detail).toBeUndefined();
    expect(lines.join('\n')).toMatch(/refused/);
    await app.close();
  });

  it('503 not_ready on /v1 routes until the store and model are up', async () => {
    const services = createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(512) });
    const app = await buildApp({ services });
    expectProblem(await app.inject('/v1/schema'), 503, 'not_ready');
    expectProblem(await app.inject('/readyz'), 503, 'not_ready');
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await app.close();
  });

  it('503 timeout when handling takes longer than REQUEST_TIMEOUT_MS', async () => {
    const store = createMemoryStore();
    store.listSources = () => new Promise(() => {});
    const services = createServices({ store, embedder: createFakeEmbedder(512) });
    const app = await buildApp({ services, limits: { requestTimeoutMs: 100 } });
    await services.start();
    const started = Date.now();
    const body = expectProblem(await app.inject('/v1/sources'), 503, 'timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(body.detail).not.toMatch(/FST_|route/);
    await app.close();
  });

  it('408 problem+json on the socket when a request trickles in too slowly', async () => {
    const services = createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(512) });
    const app = await buildApp({ services, limits: { requestTimeoutMs: 300 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const started = Date.now();
    const response = await new Promise<string>((resolve, reject) => {
      // One header byte every 50 ms: never idle long enough for the idle timeout, never finished.
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
      const trickle = setInterval(() => socket.writable && socket.write('X'), 50);
      let data = '';
      socket.on('data', (d) => {
        data += d;
      });
      socket.on('close', () => {
        clearInterval(trickle);
        resolve(data);
      });
      socket.on('error', reject);
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response).toMatch(/^HTTP\/1.1 408 Request Timeout/);
    expect(response).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(response.split('\r\n\r\n')[1]!)).toMatchObject({ status: 408, code: 'request_timeout' });
    await app.close();
  }, 10_000);
});
