import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { createServices, type Services } from '../src/services.js';
import { MINI_PACK } from './support/api-app.js';

describe('multi-turn follow-ups (mini pack, fake embedder)', () => {
  let services: Services;
  beforeAll(async () => {
    services = createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(256) });
    await services.start();
    await services.ingest(MINI_PACK);
  });
  afterAll(() => services.close());

  it('compares the entities of the last two turns when a comparison names none', async () => {
    const ask = (question: string) => services.qa.ask({ question, sessionId: 'two-turns' });
    expect((await ask('高等数学的学费是多少？')).answer).toContain('1200');
    expect((await ask('那学术英语呢？')).answer).toContain('800');
    const r = await ask('哪个更贵？');
    expect(r.status).toBe('answered');
    expect(r.answer).toMatch(/^高等数学/);
  });
});
