import type { InjectOptions } from 'fastify';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, MINI_PACK, miniApp, withKey } from './support/api-app.js';

type App = Awaited<ReturnType<typeof miniApp>>;

async function packTarGz(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of tar.create({ gzip: true, cwd: MINI_PACK, portable: true }, ['.'])) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface RouteCase {
  route: string;
  /** The key holding the one scope the route needs. */
  key: string;
  /** A key with other scopes only. */
  wrongKey: string;
  ok: InjectOptions;
  status: number;
  check?: (body: unknown) => void;
  /** A request failing validation (omitted where the route takes no input). */
  invalid?: InjectOptions;
  notFound?: InjectOptions;
}

const json = (method: 'POST' | 'DELETE' | 'GET', url: string, payload?: unknown): InjectOptions => ({
  method,
  url,
  ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
});

/** Every /v1 route, with what success, bad input and an unknown id look like for it. */
function cases(upload: Buffer): RouteCase[] {
  const archive = (query = ''): InjectOptions => ({
    method: 'POST',
    url: `/v1/admin/ingest${query}`,
    payload: upload,
    headers: { 'content-type': 'application/gzip' },
  });
  return [
    {
      route: 'POST /v1/ask',
      key: KEYS.ask,
      wrongKey: KEYS.read,
      ok: json('POST', '/v1/ask', { question: '高等数学的学费多少钱？', sessionId: 's-routes' }),
      status: 200,
      check: (b) =>
        expect(b).toMatchObject({ status: 'answered', facts: [expect.objectContaining({ object: '1200' })] }),
      invalid: json('POST', '/v1/ask', { question: '   ' }),
    },
    {
      route: 'POST /v1/feedback',
      key: KEYS.ask,
      wrongKey: KEYS.read,
      ok: json('POST', '/v1/feedback', { question: '高等数学的学费多少钱？', answer: '1200元', rating: 'up' }),
      status: 202,
      check: (b) => expect(b).toEqual({ id: expect.any(String), receivedAt: expect.any(String) }),
      invalid: json('POST', '/v1/feedback', { question: 'How much?', rating: 'meh' }),
    },
    {
      route: 'GET /v1/sessions/:id',
      key: KEYS.ask,
      wrongKey: KEYS.read,
      ok: json('GET', '/v1/sessions/s-routes'),
      status: 200,
      check: (b) => expect(b).toMatchObject({ id: 's-routes', turns: 1, lastEntities: ['c-math'] }),
      invalid: json('GET', `/v1/sessions/${'s'.repeat(129)}`),
      notFound: json('GET', '/v1/sessions/no-such-session'),
    },
    {
      route: 'GET /v1/entities',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/entities?type=course'),
      status: 200,
      check: (b) => expect(b).toMatchObject({ items: [{ id: 'c-eng' }, { id: 'c-math' }], limit: 20, offset: 0 }),
      invalid: json('GET', '/v1/entities?limit=0'),
    },
    {
      route: 'GET /v1/entities/:id',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/entities/c-math'),
      status: 200,
      check: (b) => expect(b).toMatchObject({ node: { id: 'c-math', name: '高等数学' } }),
      invalid: json('GET', `/v1/entities/${'x'.repeat(600)}`),
      notFound: json('GET', '/v1/entities/c-physics'),
    },
    {
      route: 'GET /v1/graph/neighbourhood',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/graph/neighbourhood?id=c-math'),
      status: 200,
      check: (b) => expect((b as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toContain('t-li'),
      invalid: json('GET', '/v1/graph/neighbourhood?id=c-math&depth=4'),
      notFound: json('GET', '/v1/graph/neighbourhood?id=c-physics'),
    },
    {
      route: 'GET /v1/schema',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/schema'),
      status: 200,
      check: (b) =>
        expect(b).toMatchObject({ attributes: expect.arrayContaining([expect.objectContaining({ key: 'fee' })]) }),
    },
    {
      route: 'GET /v1/faqs',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/faqs'),
      status: 200,
      check: (b) => expect(b).toMatchObject({ items: [{ id: 'faq-cert' }, { id: 'faq-enroll' }] }),
      invalid: json('GET', '/v1/faqs?limit=abc'),
    },
    {
      route: 'GET /v1/sources',
      key: KEYS.read,
      wrongKey: KEYS.ask,
      ok: json('GET', '/v1/sources'),
      status: 200,
      check: (b) => expect((b as { items: unknown[] }).items).toHaveLength(6),
    },
    {
      route: 'GET /v1/admin/feedback',
      key: KEYS.admin,
      wrongKey: KEYS.read,
      ok: json('GET', '/v1/admin/feedback'),
      status: 200,
      check: (b) =>
        expect(b).toMatchObject({ total: 1, items: [{ rating: 'up', question: '高等数学的学费多少钱？' }] }),
      invalid: json('GET', '/v1/admin/feedback?offset=-1'),
    },
    {
      route: 'POST /v1/admin/ingest',
      key: KEYS.admin,
      wrongKey: KEYS.read,
      ok: archive(),
      status: 200,
      check: (b) => expect(b).toMatchObject({ files: { total: 6, unchanged: 6, failed: 0 } }),
      invalid: archive('?dryRun=maybe'),
    },
    // Destructive routes last: the cases above read what these remove.
    {
      route: 'DELETE /v1/sessions/:id',
      key: KEYS.ask,
      wrongKey: KEYS.read,
      ok: json('DELETE', '/v1/sessions/s-routes'),
      status: 204,
      invalid: json('DELETE', `/v1/sessions/${'s'.repeat(129)}`),
      notFound: json('DELETE', '/v1/sessions/s-routes'),
    },
    {
      route: 'DELETE /v1/admin/sources',
      key: KEYS.admin,
      wrongKey: KEYS.read,
      ok: json('DELETE', '/v1/admin/sources?id=facts.tsv'),
      status: 204,
      invalid: json('DELETE', '/v1/admin/sources'),
      notFound: json('DELETE', '/v1/admin/sources?id=facts.tsv'),
    },
  ];
}

const upload = await packTarGz();
const ROUTES = cases(upload);

const expectProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({
    status,
    code,
    type: `https://errors.kgqa.dev/${code}`,
    title: expect.any(String),
  });
};

describe('every /v1 route', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp();
  });
  afterAll(() => t.close());

  const send = (req: InjectOptions, key?: string) =>
    t.app.inject({ ...req, headers: { ...req.headers, ...(key ? withKey(key) : {}) } });

  describe.each(ROUTES)('$route', (c) => {
    it('refuses a request without a key (401), with an unknown key (401) and with the wrong scope (403)', async () => {
      expectProblem(await send(c.ok), 401, 'unauthorized');
      expectProblem(await send(c.ok, 'not-a-configured-key-000'), 401, 'unauthorized');
      expectProblem(await send(c.ok, c.wrongKey), 403, 'forbidden');
    });

    it.skipIf(!c.invalid)('rejects invalid input with problem+json listing the fields', async () => {
      const res = await send(c.invalid!, c.key);
      expectProblem(res, 400, 'validation_failed');
      const body = res.json();
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors[0]).toEqual({
        path: expect.stringMatching(/^(body|querystring|params)/),
        message: expect.any(String),
      });
    });

    it('succeeds with the right key', async () => {
      const res = await send(c.ok, c.key);
      expect(res.statusCode, res.body).toBe(c.status);
      if (c.status === 204) expect(res.body).toBe('');
      else expect(res.headers['content-type']).toMatch(/^application\/json/);
      if (c.check) c.check(res.json());
    });

    it.skipIf(!c.notFound)('answers an unknown id with 404 problem+json', async () => {
      const res = await send(c.notFound!, c.key);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toMatch(/_not_found$/);
    });
  });
});

describe('rate limit on every /v1 route', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({ limits: { rateLimit: { max: 2, windowMs: 60_000 } } });
  });
  afterAll(() => t.close());

  // Each route gets its own client address, so the routes do not share one budget.
  it.each(ROUTES.map((c, i) => ({ ...c, ip: `10.1.0.${i + 1}` })))('$route: 429 after 2 requests', async (c) => {
    const send = () => t.app.inject({ ...(c.invalid ?? c.ok), remoteAddress: c.ip });
    for (let i = 0; i < 2; i++) expect((await send()).statusCode).not.toBe(429);
    const res = await send();
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['x-ratelimit-limit']).toBe('2');
  });

  it('never limits health, readiness and metrics', async () => {
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      for (let i = 0; i < 5; i++) {
        expect((await t.app.inject({ url, remoteAddress: '10.2.0.1' })).statusCode).toBe(200);
      }
    }
  });

  it('counts per API key, so one key’s clients do not use up another’s', async () => {
    const send = (key: string) => t.app.inject({ url: '/v1/schema', remoteAddress: '10.3.0.1', headers: withKey(key) });
    expect((await send(KEYS.read)).statusCode).toBe(200);
    expect((await send(KEYS.read)).statusCode).toBe(200);
    expect((await send(KEYS.read)).statusCode).toBe(429);
    // Same address, another key: its own budget.
    expect((await send(KEYS.admin)).statusCode).toBe(403);
  });
});
