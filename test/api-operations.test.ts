import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, MINI_PACK, miniApp, withKey } from './support/api-app.js';

type App = Awaited<ReturnType<typeof miniApp>>;

/** The value of one sample line of the Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inner.split(',');
    if (want.every((w) => parts.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({ auth: { keys: [{ key: KEYS.admin, scopes: ['admin'] }], publicScopes: ['ask', 'read'] } });
  });
  afterAll(() => t.close());

  const metrics = async () => {
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('times requests by method, route pattern and status code', async () => {
    await t.app.inject('/v1/entities/c-math');
    await t.app.inject('/v1/entities/t-li');
    await t.app.inject('/v1/entities/nope');
    await t.app.inject('/no/such/page');
    const text = await metrics();
    const count = (route: string, status: string) =>
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: status });
    expect(count('/v1/entities/:id', '200')).toBe(2);
    expect(count('/v1/entities/:id', '404')).toBe(1);
    // Raw URLs never become labels.
    expect(text).not.toMatch(/route="\/v1\/entities\/c-math"/);
    expect(text).not.toMatch(/\/no\/such\/page/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/entities\/:id"/);
  });

  it('counts answers by status', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '高等数学的学费多少钱？' } });
    await t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '今天天气怎么样？' } });
    const text = await metrics();
    expect(sample(text, 'qa_answers_total', { status: 'answered' })).toBe(1);
    expect(sample(text, 'qa_answers_total', { status: 'fallback' })).toBe(1);
  });

  it('counts ingested files by outcome', async () => {
    const chunks: Buffer[] = [];
    for await (const c of tar.create({ gzip: true, cwd: MINI_PACK, portable: true }, ['.'])) chunks.push(c as Buffer);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/ingest',
      payload: Buffer.concat(chunks),
      headers: { 'content-type': 'application/gzip', ...withKey(KEYS.admin) },
    });
    expect(res.statusCode).toBe(200);
    expect(sample(await metrics(), 'ingest_files_total', { status: 'unchanged' })).toBe(6);
  });

  it('includes the process metrics, and each app has its own registry', async () => {
    expect(await metrics()).toMatch(/^process_cpu_user_seconds_total /m);
    const other = await miniApp({ ingest: false });
    const text = (await other.app.inject('/metrics')).body;
    expect(sample(text, 'qa_answers_total', { status: 'answered' })).toBeUndefined();
    await other.close();
  });

  it('needs the read scope when METRICS_PUBLIC is false', async () => {
    const closed = await miniApp({ ingest: false, limits: { metricsPublic: false } });
    expect((await closed.app.inject('/metrics')).statusCode).toBe(401);
    expect((await closed.app.inject({ url: '/metrics', headers: withKey(KEYS.ask) })).statusCode).toBe(403);
    expect((await closed.app.inject({ url: '/metrics', headers: withKey(KEYS.read) })).statusCode).toBe(200);
    await closed.close();
  });
});

describe('request ids', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({ ingest: false });
  });
  afterAll(() => t.close());

  it('generates one per request and echoes it', async () => {
    const a = await t.app.inject('/healthz');
    const b = await t.app.inject('/healthz');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('keeps a caller’s plain x-request-id, also on errors', async () => {
    const ok = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'edge-42.abc:7' } });
    expect(ok.headers['x-request-id']).toBe('edge-42.abc:7');
    const missing = await t.app.inject({ url: '/nope', headers: { 'x-request-id': 'edge-43' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('edge-43');
    const refused = await t.app.inject({ url: '/v1/schema', headers: { 'x-request-id': 'edge-44' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toBe('edge-44');
  });

  it('replaces an id that could forge log lines', async () => {
    for (const bad of ['a b', 'x'.repeat(129), '{"level":60}']) {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
