import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { createServices, type Services } from '../src/services.js';
import { MINI_PACK } from './support/api-app.js';
import { servicesForPack } from './support/temp-pack.js';

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

// A pack that labels the ingest's own FAQ → entity relation (ABOUT, with the synonym "about"): that
// label must not turn "What about the car loan?" into a question about FAQs.
const LABELLED_ABOUT = {
  'schema.yaml': `attributes:
  approval_time: { label: { zh: 审批时间, en: approval time } }
relations:
  ABOUT: { label: { zh: 相关对象, en: about }, synonyms: [about, regarding] }
`,
  'loans.csv': `id,type,name,aliases,approval_time
l-quick,loan,快e贷,Quick e-Loan,3 分钟
l-car,loan,车易贷,car loan,3 个工作日
`,
  'faq.jsonl': `{"id": "faq-car", "question": "车贷要什么材料？", "answer": "身份证和购车合同。", "about": ["l-car"]}
`,
};

describe('follow-ups in a pack that labels ABOUT', () => {
  let services: Services;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ services, close } = await servicesForPack(LABELLED_ABOUT));
  });
  afterAll(() => close());

  it('asks the last question again about the entity a "What about …?" names', async () => {
    const ask = (question: string) => services.qa.ask({ question, sessionId: 'about' });
    expect((await ask('What is the approval time of the Quick e-Loan?')).answer).toContain('3 分钟');
    const r = await ask('What about the car loan?');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('3 个工作日');
  });
});
