import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { buildApp } from '../src/api/build-app.js';
import { createServices, type Services } from '../src/services.js';

const MINI = fileURLToPath(new URL('./fixtures/mini-pack/', import.meta.url));
const ADMIN = 'admin-key-0123456789abcdef';
const READER = 'read-key-0123456789abcdef';

async function tarGz(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = tar.create({ gzip: true, cwd: MINI, portable: true }, ['.']);
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function zip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, body] of Object.entries(files)) z.addBuffer(Buffer.from(body), name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('admin API', () => {
  let app: FastifyInstance;
  let services: Services;

  beforeAll(async () => {
    services = createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(512) });
    app = await buildApp({
      services,
      auth: {
        keys: [
          { key: ADMIN, scopes: ['admin', 'read', 'ask'] },
          { key: READER, scopes: ['read'] },
        ],
        publicScopes: ['ask'],
      },
    });
    await services.start();
  });
  afterAll(async () => {
    await app.close();
    await services.close();
  });

  const upload = (body: Buffer, headers: Record<string, string> = {}, query = '') =>
    app.inject({
      method: 'POST',
      url: `/v1/admin/ingest${query}`,
      payload: body,
      headers: { 'content-type': 'application/gzip', ...headers },
    });

  it('refuses an upload without a key, with problem+json', async () => {
    const res = await upload(await tarGz());
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((await services.store.stats()).nodes).toBe(0);
  });

  it('refuses a wrong key and a key without the admin scope', async () => {
    expect((await upload(await tarGz(), { 'x-api-key': 'not-a-key-at-all-000000' })).statusCode).toBe(401);
    const res = await upload(await tarGz(), { authorization: `Bearer ${READER}` });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('dry-runs and imports a tar.gz pack with the admin key', async () => {
    const dry = await upload(await tarGz(), { 'x-api-key': ADMIN }, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, errors: [] });
    expect((await services.store.stats()).nodes).toBe(0);
    const res = await upload(await tarGz(), { 'x-api-key': ADMIN });
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary.files).toMatchObject({ total: 6, imported: 6, failed: 0 });
    expect(summary.counts.faqs).toBe(2);
    expect(await services.store.getNode('c-math')).toBeDefined();
  });

  it('answers from what was just uploaded', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/ask', payload: { question: '高等数学的学费多少钱？' } });
    expect(res.json()).toMatchObject({ status: 'answered', facts: [expect.objectContaining({ object: '1200' })] });
  });

  it('imports a zip and reports a malformed file with its line', async () => {
    const res = await upload(
      await zip({
        'extra/rooms.csv': 'id,type,name,capacity\nr-1,room,一号教室,40\n',
        'extra/broken.csv': 'id,type,name\nr-2,room,"unclosed\n',
      }),
      { 'x-api-key': ADMIN, 'content-type': 'application/zip' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().errors).toEqual([
      { file: 'extra/broken.csv', line: 2, reason: expect.stringMatching(/bad CSV/) },
    ]);
    expect(await services.store.getNode('r-1')).toBeDefined();
  });

  it('rejects a body that is not an archive, and unsafe paths', async () => {
    const junk = await upload(Buffer.from('hello'), { 'x-api-key': ADMIN });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('bad_archive');
    // zip writers refuse "../", so patch a same-length name in the finished archive (CRCs cover contents only).
    const evil = Buffer.from(
      (await zip({ 'xx/escape.csv': 'id,type,name\n' })).toString('latin1').replaceAll('xx/escape', '../escape'),
      'latin1',
    );
    const slip = await upload(evil, { 'x-api-key': ADMIN, 'content-type': 'application/zip' });
    expect(slip.statusCode).toBe(400);
    expect(slip.json().detail).toMatch(/unsafe path|invalid relative path/);
  });

  it('deletes one source’s facts', async () => {
    const none = await app.inject({
      method: 'DELETE',
      url: '/v1/admin/sources?id=nope.csv',
      headers: { 'x-api-key': ADMIN },
    });
    expect(none.statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/v1/admin/sources?id=extra/rooms.csv' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'DELETE',
      url: '/v1/admin/sources?id=extra/rooms.csv',
      headers: { 'x-api-key': ADMIN },
    });
    expect(res.statusCode).toBe(204);
    expect(await services.store.getNode('r-1')).toBeUndefined();
    expect(await services.store.getNode('c-math')).toBeDefined();
  });

  it('keeps /v1/ask public only when configured so', async () => {
    const closed = await buildApp({ services, auth: { keys: [{ key: READER, scopes: ['read'] }], publicScopes: [] } });
    const anon = await closed.inject({ method: 'POST', url: '/v1/ask', payload: { question: 'hi' } });
    expect(anon.statusCode).toBe(401);
    const reader = await closed.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: { question: 'hi' },
      headers: { 'x-api-key': READER },
    });
    expect(reader.statusCode).toBe(403);
    await closed.close();
  });
});
