import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/services.js';
import { servicesForPack } from './support/temp-pack.js';

// A small pack with the traps of a large schema: near-duplicate labels across entities, a shared
// name, and a name that is also a label. The fake embedder keeps it model-free.
const PACK = {
  'schema.yaml': `attributes:
  secretary: { label: { zh: 党委书记 } }
  head: { label: { zh: 书记 } }
  slogan: { label: { zh: 口号 } }
  author: { label: { zh: 作者 } }
  screenwriter: { label: { zh: 编剧 } }
  mentor: { label: { zh: 导师 } }
  vision: { label: { zh: 愿景 } }
`,
  'things.csv': `id,type,name,aliases,secretary,head,slogan,author,screenwriter,mentor,vision
college,org,继续教育学院,,白林立,,,,,,
party,org,某某支部,,,王某,敢为人先,,,,
novel,work,笑傲江湖,,,,,金庸,,,
series,work,《笑傲江湖》,,,,,,于正,,
person,person,张长志,,,,,,,刘大为,
title,thing,导师,,,,,,,,
company,org,北京大歌星投资有限公司,,,,,,,,开创健康娱乐
city,place,北京,,,,,,,,
short,org,歌星投资有限公司,,,,,,,,
`,
};

describe('predicate choice over a large, messy schema', () => {
  let services: Services;
  const ask = (question: string) => services.qa.ask({ question });

  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ services, close } = await servicesForPack(PACK));
  });
  afterAll(() => close());

  it('answers with the entity’s own label when the question uses a near-identical one', async () => {
    const r = await ask('继续教育学院的书记是谁？');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('白林立');
  });

  it('resolves a shared name by the predicate only one of its entities has', async () => {
    const r = await ask('笑傲江湖的编剧是谁？');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('于正');
    // Both or neither have it: asked back, not guessed.
    expect((await ask('笑傲江湖的口号是什么？')).status).not.toBe('answered');
  });

  it('reads a name that is a label of the other named entity as the label', async () => {
    const r = await ask('张长志的导师是谁？');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('刘大为');
  });

  it('reads a longer name with a typo rather than the shorter exact names inside it', async () => {
    const r = await ask('北京歌星投资有限公司的愿景是什么？');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('开创健康娱乐');
  });

  it('refuses a label the entity lacks instead of standing in another attribute', async () => {
    expect((await ask('继续教育学院的口号是什么？')).status).toBe('fallback');
  });
});
