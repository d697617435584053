import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryFeedbackStore } from '../src/feedback/memory-feedback-store.js';
import { miniApp } from './support/api-app.js';

type App = Awaited<ReturnType<typeof miniApp>>;
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('read routes', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({ auth: { keys: [], publicScopes: ['ask', 'read'] } });
  });
  afterAll(() => t.close());
  const get = async (url: string) => {
    const res = await t.app.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  describe('GET /v1/entities', () => {
    it('lists entities in id order, filtered by type, a page at a time', async () => {
      expect(ids((await get('/v1/entities')).items)).toEqual(['c-eng', 'c-math', 't-li', 't-wang']);
      expect(ids((await get('/v1/entities?type=teacher')).items)).toEqual(['t-li', 't-wang']);
      expect(await get('/v1/entities?limit=1&offset=1')).toEqual({
        items: [{ id: 'c-math', name: '高等数学', type: 'course', kind: 'entity', aliases: ['Calculus', 'Math 101'] }],
        limit: 1,
        offset: 1,
      });
    });

    it('puts an exact name or alias match first, in any width or case, then the nearest by meaning', async () => {
      for (const q of ['calculus', 'ＣＡＬＣＵＬＵＳ', '高等数学', 'Math 101']) {
        expect((await get(`/v1/entities?q=${encodeURIComponent(q)}`)).items[0].id, q).toBe('c-math');
      }
      const near = await get(`/v1/entities?q=${encodeURIComponent('王')}`);
      expect(near.items[0].id).toBe('t-wang');
      expect(new Set(ids(near.items)).size).toBe(near.items.length);
    });

    it('applies type and paging to searches too', async () => {
      const teachers = await get(`/v1/entities?q=${encodeURIComponent('老师')}&type=teacher`);
      expect(teachers.items.every((e: { type: string }) => e.type === 'teacher')).toBe(true);
      const all = ids((await get(`/v1/entities?q=${encodeURIComponent('高等数学')}`)).items);
      expect(ids((await get(`/v1/entities?q=${encodeURIComponent('高等数学')}&offset=1&limit=1`)).items)).toEqual(
        all.slice(1, 2),
      );
    });

    it('returns no entity for a query sharing nothing with any name', async () => {
      expect((await get('/v1/entities?q=zzzz')).items).toEqual([]);
    });
  });

  describe('GET /v1/entities/:id', () => {
    it('returns the node with per-attribute provenance, its relationships and neighbours', async () => {
      const body = await get('/v1/entities/c-math');
      expect(body.node).toMatchObject({
        id: 'c-math',
        kind: 'entity',
        type: 'course',
        aliases: ['Calculus', 'Math 101'],
        attributes: {
          fee: {
            value: 1200,
            source: 'courses.csv',
            location: 'line 2',
            hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          },
        },
      });
      expect(body.node.provenance).toContainEqual(
        expect.objectContaining({ source: 'courses.csv', location: 'line 2' }),
      );
      expect(body.relationships).toContainEqual({
        from: 'c-math',
        type: 'TAUGHT_BY',
        to: 't-li',
        source: 'courses.csv',
        location: 'line 2',
        hash: expect.any(String),
      });
      expect(body.neighbours).toContainEqual({ id: 't-li', name: '李老师', type: 'teacher', kind: 'entity' });
      expect(ids(body.neighbours)).not.toContain('c-math');
    });

    it('fetches nodes of every kind', async () => {
      const ids = ['doc-refund', 'faq-enroll', 'schema:attribute:fee'];
      const kinds = [];
      for (const id of ids) kinds.push((await get(`/v1/entities/${encodeURIComponent(id)}`)).node.kind);
      expect(kinds).toEqual(['document', 'faq', 'schema']);
      const sections = (await get('/v1/entities/doc-refund')).neighbours.filter(
        (n: { kind: string }) => n.kind === 'section',
      );
      expect(sections.length).toBeGreaterThan(0);
      expect((await get(`/v1/entities/${encodeURIComponent(sections[0].id)}`)).node.kind).toBe('section');
    });
  });

  describe('GET /v1/graph/neighbourhood', () => {
    it('grows with depth and stays within limit', async () => {
      const one = await get('/v1/graph/neighbourhood?id=t-li');
      const two = await get('/v1/graph/neighbourhood?id=t-li&depth=2');
      expect(ids(one.nodes)).toContain('c-math');
      expect(ids(one.nodes)).not.toContain('doc-refund');
      expect(ids(two.nodes)).toEqual(expect.arrayContaining(['t-li', 'c-math', 'doc-refund']));
      expect(two.nodes[0]).toEqual({ id: 't-li', name: '李老师', type: 'teacher', kind: 'entity' });
      const known = new Set(ids(two.nodes));
      for (const r of two.relationships) {
        expect(Object.keys(r).sort()).toEqual(['from', 'location', 'source', 'to', 'type']);
        expect(known.has(r.from) && known.has(r.to)).toBe(true);
      }
      expect((await get('/v1/graph/neighbourhood?id=c-math&depth=3&limit=2')).nodes).toHaveLength(2);
    });
  });

  it('GET /v1/schema gives labels per language, synonyms and units', async () => {
    const body = await get('/v1/schema');
    expect(body.attributes).toContainEqual({
      id: 'schema:attribute:fee',
      key: 'fee',
      labels: { zh: '学费', en: 'tuition fee' },
      synonyms: expect.arrayContaining(['多少钱', 'how much']),
      unit: '元',
      sources: expect.arrayContaining(['schema.yaml']),
    });
    expect(body.relations).toContainEqual(
      expect.objectContaining({ key: 'TAUGHT_BY', labels: { zh: '授课老师', en: 'teacher' } }),
    );
    expect(body.types).toContainEqual(expect.objectContaining({ key: 'course', labels: { zh: '课程', en: 'course' } }));
    const fee = body.attributes.find((a: { key: string }) => a.key === 'fee');
    expect(fee.synonyms).not.toContain('学费');
  });

  it('GET /v1/faqs lists, and searches by meaning with a score', async () => {
    const list = await get('/v1/faqs');
    expect(list.items[1]).toEqual({
      id: 'faq-enroll',
      question: '怎么报名课程？',
      answer: '在学生门户选择高等数学或学术英语后点击报名。',
      alternates: ['How do I enrol?'],
      tags: ['enrolment'],
      source: 'faq.jsonl',
      location: 'line 1',
    });
    const zh = await get(`/v1/faqs?q=${encodeURIComponent('如何报名')}`);
    expect(zh.items[0]).toMatchObject({ id: 'faq-enroll', score: expect.any(Number) });
    const en = await get(`/v1/faqs?q=${encodeURIComponent('how do i enrol')}`);
    expect(en.items[0].id).toBe('faq-enroll');
    expect(ids((await get(`/v1/faqs?q=${encodeURIComponent('证书')}&limit=1`)).items)).toEqual(['faq-cert']);
  });

  it('GET /v1/sources lists every imported file', async () => {
    const { items } = await get('/v1/sources');
    expect(ids(items)).toEqual([
      'courses.csv',
      'docs/refund.md',
      'facts.tsv',
      'faq.jsonl',
      'schema.yaml',
      'teachers.csv',
    ]);
    expect(items[0]).toEqual({
      id: 'courses.csv',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      fingerprint: expect.any(String),
      format: 'csv',
      importedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      counts: { nodes: expect.any(Number), relationships: expect.any(Number), terms: expect.any(Number) },
    });
  });
});

describe('feedback and sessions', () => {
  let t: App;
  beforeAll(async () => {
    t = await miniApp({
      auth: { keys: [{ key: 'admin-key-0123456789abcdef', scopes: ['admin'] }], publicScopes: ['ask', 'read'] },
    });
  });
  afterAll(() => t.close());

  it('stores feedback with its citations and lists it newest first for admins', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: {
        sessionId: 's-fb',
        question: '高等数学的学费多少钱？',
        answer: '1200元',
        rating: 'up',
        // A client may send back the citations exactly as /v1/ask gave them; extra fields are dropped.
        citations: [{ sourceId: 'courses.csv', location: 'line 2', title: '高等数学', excerpt: '…' }],
      },
    });
    expect(first.statusCode).toBe(202);
    await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { question: 'Is there a certificate?', rating: 'down', comment: 'Too vague' },
    });
    const res = await t.app.inject({
      url: '/v1/admin/feedback?limit=1&offset=1',
      headers: { 'x-api-key': 'admin-key-0123456789abcdef' },
    });
    expect(res.json()).toEqual({
      items: [
        {
          id: first.json().id,
          receivedAt: first.json().receivedAt,
          sessionId: 's-fb',
          question: '高等数学的学费多少钱？',
          answer: '1200元',
          rating: 'up',
          citations: [{ sourceId: 'courses.csv', location: 'line 2' }],
        },
      ],
      total: 2,
      limit: 1,
      offset: 1,
    });
  });

  it('the in-memory feedback store keeps only the newest entries', async () => {
    const store = createMemoryFeedbackStore({ maxEntries: 2 });
    for (const q of ['a', 'b', 'c']) await store.add({ question: q, rating: 'up' });
    const { items, total } = await store.list({ offset: 0, limit: 10 });
    expect(total).toBe(2);
    expect(items.map((i) => i.question)).toEqual(['c', 'b']);
  });

  it('shows and forgets a conversation', async () => {
    const ask = (question: string) =>
      t.app.inject({ method: 'POST', url: '/v1/ask', payload: { question, sessionId: 'chat-1' } });
    expect((await ask('高等数学的学费多少钱？')).json().status).toBe('answered');
    const session = await t.app.inject('/v1/sessions/chat-1');
    expect(session.json()).toEqual({
      id: 'chat-1',
      lastEntities: ['c-math'],
      lastPredicate: 'schema:attribute:fee',
      turns: 1,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/sessions/chat-1' })).statusCode).toBe(204);
    expect((await t.app.inject('/v1/sessions/chat-1')).statusCode).toBe(404);
  });
});
