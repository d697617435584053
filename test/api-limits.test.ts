import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLimitsFromConfig, DEFAULT_LIMITS } from '../src/api/limits.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { KEYS, miniApp, withKey } from './support/api-app.js';

type App = Awaited<ReturnType<typeof miniApp>>;

describe('limits come from the configuration', () => {
  it('has sane defaults, used by buildApp when a test passes none', () => {
    expect(DEFAULT_LIMITS).toEqual({
      bodyLimitBytes: 1024 * 1024,
      maxUploadBytes: 50 * 1024 * 1024,
      maxQuestionChars: 500,
      maxPageSize: 100,
      rateLimit: { max: 300, windowMs: 60_000 },
      requestTimeoutMs: 30_000,
      corsOrigins: [],
      metricsPublic: true,
    });
  });

  it('reads every limit from its variable', () => {
    const limits = apiLimitsFromConfig(
      loadConfig({
        BODY_LIMIT_KB: '64',
        MAX_QUESTION_CHARS: '200',
        MAX_PAGE_SIZE: '25',
        RATE_LIMIT_MAX: '10',
        RATE_LIMIT_WINDOW: '30s',
        REQUEST_TIMEOUT_MS: '5000',
        CORS_ORIGINS: 'https://shop.example.com/, http://localhost:5173',
        METRICS_PUBLIC: 'false',
      }),
    );
    expect(limits).toMatchObject({
      bodyLimitBytes: 64 * 1024,
      maxQuestionChars: 200,
      maxPageSize: 25,
      rateLimit: { max: 10, windowMs: 30_000 },
      requestTimeoutMs: 5000,
      corsOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      metricsPublic: false,
    });
    expect(apiLimitsFromConfig(loadConfig({ RATE_LIMIT_MAX: '0' })).rateLimit).toBeNull();
    expect(loadConfig({ RATE_LIMIT_WINDOW: '1m' }).RATE_LIMIT_WINDOW).toBe(60_000);
    expect(loadConfig({ RATE_LIMIT_WINDOW: '250' }).RATE_LIMIT_WINDOW).toBe(250);
  });

  it('names each bad variable', () => {
    let message = '';
    try {
      loadConfig({ RATE_LIMIT_WINDOW: 'a minute', CORS_ORIGINS: 'ftp://files.example.com', MAX_PAGE_SIZE: '0' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/RATE_LIMIT_WINDOW: must be a duration/);
    expect(message).toMatch(/CORS_ORIGINS\.0: must be \* or http\(s\) origins/);
    expect(message).toMatch(/MAX_PAGE_SIZE/);
  });
});

describe('limits enforced over HTTP', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({
      auth: { keys: [], publicScopes: ['ask', 'read'] },
      limits: { maxQuestionChars: 20, maxPageSize: 3 },
    });
  });
  afterAll(() => t.close());

  it('refuses a question longer than MAX_QUESTION_CHARS, on /v1/ask and /v1/feedback', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '高等数学的学费多少钱？' } });
    expect(ok.statusCode).toBe(200);
    const long = await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '学'.repeat(21) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([{ path: 'body/question', message: expect.stringMatching(/<=20/) }]);
    const feedback = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { question: 'q'.repeat(21), rating: 'up' },
    });
    expect(feedback.statusCode).toBe(400);
  });

  it('counts the question after trimming', async () => {
    const padded = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: { question: `  ${'学'.repeat(20)}  ` },
    });
    expect(padded.statusCode).toBe(200);
  });

  it('caps every limit parameter at MAX_PAGE_SIZE and defaults to it when smaller', async () => {
    for (const url of ['/v1/entities?limit=4', '/v1/faqs?limit=4', '/v1/graph/neighbourhood?id=c-math&limit=4']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path: 'querystring/limit' });
    }
    const page = await t.app.inject('/v1/entities');
    expect(page.json()).toMatchObject({ limit: 3, offset: 0 });
    expect(page.json().items).toHaveLength(3);
    const next = await t.app.inject('/v1/entities?offset=3');
    expect(next.json().items.map((e: { id: string }) => e.id)).toEqual(['t-wang']);
  });
});

describe('CORS', () => {
  it('is off by default: no CORS headers at all', async () => {
    const t = await miniApp({ ingest: false });
    const res = await t.app.inject({ url: '/healthz', headers: { origin: 'https://shop.example.com' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    await t.close();
  });

  it('allows only the configured origins, preflight included', async () => {
    const t = await miniApp({ ingest: false, limits: { corsOrigins: ['https://shop.example.com'] } });
    const allowed = await t.app.inject({
      url: '/v1/schema',
      headers: { origin: 'https://shop.example.com', ...withKey(KEYS.read) },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(allowed.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    const other = await t.app.inject({ url: '/v1/schema', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/ask',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/x-api-key/);
    await t.close();
  });
});
