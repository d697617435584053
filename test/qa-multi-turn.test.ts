import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { namesSiblingQualifier } from '../src/qa/label-similarity.js';
import { createServices, type Services } from '../src/services.js';
import { MINI_PACK } from './support/api-app.js';
import { usePack } from './support/temp-pack.js';

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
  const pack = usePack(LABELLED_ABOUT);

  it('asks the last question again about the entity a "What about …?" names', async () => {
    const ask = (question: string) => pack.services.qa.ask({ question, sessionId: 'about' });
    expect((await ask('What is the approval time of the Quick e-Loan?')).answer).toContain('3 分钟');
    const r = await ask('What about the car loan?');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('3 个工作日');
  });
});

describe('a follow-up that only changes the qualifier of the last attribute', () => {
  const info = (key: string, zh: string, en: string) => ({
    id: `schema:attribute:${key}`,
    item: 'attribute' as const,
    key,
    labels: { zh, en },
  });
  const oneYear = info('rate_1y', '1 年期年利率', '1-year rate');
  const threeYear = info('rate_3y', '3 年期年利率', '3-year rate');
  const fee = info('fee', '手续费', 'fee');

  it('is a sibling label (same head, another qualifier) whose qualifier the question names', () => {
    expect(namesSiblingQualifier(oneYear, threeYear, 'And for 3 years?')).toBe(true);
    expect(namesSiblingQualifier(oneYear, threeYear, '那 3 年期的呢？')).toBe(true);
    // No qualifier named, a qualifier inside a longer number, or no shared head: not a sibling follow-up.
    expect(namesSiblingQualifier(oneYear, threeYear, 'And the rate?')).toBe(false);
    expect(namesSiblingQualifier(oneYear, threeYear, 'And for 13 years?')).toBe(false);
    expect(namesSiblingQualifier(oneYear, fee, 'And the fee?')).toBe(false);
    expect(namesSiblingQualifier(oneYear, oneYear, 'And for 1 year?')).toBe(false);
  });

  const RATES = {
    'schema.yaml': `attributes:
  rate_1y: { label: { zh: 1 年期年利率, en: 1-year rate } }
  rate_3y: { label: { zh: 3 年期年利率, en: 3-year rate } }
  min_amount: { label: { zh: 起存金额, en: minimum deposit } }
`,
    'deposits.csv': `id,type,name,aliases,rate_1y,rate_3y,min_amount
d-time,deposit,整存整取定期存款,fixed-term deposit,1.35%,1.75%,50 元
`,
  };
  const pack = usePack(RATES);

  it('answers the sibling attribute of the last turn', async () => {
    const ask = (question: string) => pack.services.qa.ask({ question, sessionId: 'rates' });
    expect((await ask('What is the 1-year rate of the fixed-term deposit?')).answer).toContain('1.35%');
    const r = await ask('And for 3 years?');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('1.75%');
  });
});
