import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { matchKey } from '../src/ports/text-normalize.js';
import { createKnowledgeIndexCache } from '../src/qa/knowledge-index.js';
import { linkEntities } from '../src/qa/link-entities.js';
import type { Services } from '../src/services.js';
import { servicesForPack, usePack } from './support/temp-pack.js';

// Part of a name shared by two entities, next to a group name that reads as a typo of it. Model-free.
const PACK = {
  'schema.yaml': `attributes:
  annual_fee: { label: { zh: 年费, en: annual fee }, unit: 元 }
`,
  'cards.csv': `id,type,name,aliases,annual_fee,rel:IN_CATEGORY,rel:NETWORK
g-cards,category,信用卡,credit cards,,,
n-visa,network,Visa,,,,
c-gold,product,金卡,Huaxin Gold credit card,300,g-cards,n-visa
c-gold2,product,金卡,Travel Gold credit card,600,g-cards,
c-basic,product,普卡,Classic card,0,g-cards,
c-code,product,商务卡,HX-S1,100,g-cards,
c-code2,product,商务卡定制版,HX-K1-C,900,g-cards,
br-bj,branch,北京国贸支行,Beijing Guomao Sub-branch|Guomao branch,,,
`,
};

describe('entity linking', () => {
  let services: Services;
  const store = createMemoryStore();

  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ services, close } = await servicesForPack(PACK, store));
  });
  afterAll(() => close());

  it('asks which one when part of a name fits two entities, even beside a group name', async () => {
    const r = await services.qa.ask({ question: 'What is the annual fee of the Gold credit card?' });
    expect(r.status).toBe('clarify');
    expect(r.suggestions.map((s) => s.id).sort()).toEqual(['c-gold', 'c-gold2']);
    expect(r.answer).toContain('"Gold credit card"'); // said back as written, not as the lower-cased key
  });

  it('asks which one even when another name stands beside the shared one', async () => {
    const r = await services.qa.ask({ question: '金卡能在 Visa 的商户刷吗？' });
    expect(r.status).toBe('clarify');
  });

  it('answers when the name is whole', async () => {
    const r = await services.qa.ask({ question: 'What is the annual fee of the Travel Gold credit card?' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('600');
  });

  it('does not read a typo across a Latin word edge over an exact name', async () => {
    // "hx s1 c|ome" is one letter from "HX-K1-C", but it ends inside a word; HX-S1 is named exactly.
    const r = await services.qa.ask({ question: 'What annual fee does the HX-S1 come with?' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('100');
  });

  it('takes the words beside a name that belong to the same entity’s other names as part of it', async () => {
    const index = await createKnowledgeIndexCache(store).get();
    const question = 'Where is the Beijing Guomao branch?';
    const [m] = await linkEntities(question, index, store, async () => []);
    expect(m?.candidates.map((c) => c.id)).toEqual(['br-bj']);
    expect(matchKey(question).slice(m!.start, m!.end)).toBe('beijing guomao branch');
  });
});

// Two entities whose names end in their kind's name: "the library" is the kind, not part of a name.
const LIBRARIES = {
  'schema.yaml': `types:
  library: { label: { zh: 图书馆, en: library }, synonyms: [libraries] }
attributes:
  opening_hours: { label: { zh: 开放时间, en: opening hours } }
`,
  'libraries.csv': `id,type,name,aliases,opening_hours
lib-a,library,南湖图书馆,Nanhu Library,07:30–22:30
lib-b,library,云溪图书馆,Yunxi Library,08:00–22:00
`,
};

describe('entity linking: the name of a kind', () => {
  const pack = usePack(LIBRARIES);

  it('does not read a kind named in the question as part of the names of its members', async () => {
    const r = await pack.services.qa.ask({ question: 'If I lose a library book, how much do I pay?', debug: true });
    expect(r.status).not.toBe('clarify');
    const link = r.trace?.find((s) => s.stage === 'link')?.detail as unknown[];
    expect(link).toEqual([]);
  });
});

/**
 * A pack loaded for a describe block, and linking with the given entities' names and aliases as the
 * nearest terms by meaning (so each rule is seen without a model).
 */
function useLinking(files: Record<string, string>) {
  const store = createMemoryStore();
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ close } = await servicesForPack(files, store));
  });
  afterAll(() => close());
  return async (question: string, ids: string[]) => {
    const index = await createKnowledgeIndexCache(store).get();
    const hits = (await store.getNodes(ids)).flatMap((n, i) =>
      [n.name, ...n.aliases].map((text) => ({
        id: `t${i}`,
        target: n.id,
        kind: 'entity' as const,
        text,
        source: 'test',
        score: 0.8,
      })),
    );
    return linkEntities(question, index, store, async () => hits);
  };
}

// Names that share a brand word across kinds, and one letter that tells two products apart.
const BRANDED = {
  'schema.yaml': `attributes:
  price: { label: { zh: 价格, en: price }, unit: 元 }
`,
  'items.csv': `id,type,name,aliases,price
pl-pro,platform,Northgate Pro,,0
ti-plus,tier,Northgate Plus,,0
pr-red,portfolio,Harbor Red,,10
pr-rex,portfolio,Harbor Rex,,20
vit-c,product,Vitamin C tablets,,39
`,
};

describe('entity linking: brand words and single letters', () => {
  const link = useLinking(BRANDED);

  it('does not read a word shared by names of different kinds as a short name for one of them', async () => {
    expect(await link('How long does a transfer to Northgate take?', ['pl-pro', 'ti-plus'])).toEqual([]);
  });

  it('still asks which one when names of one kind share the words', async () => {
    const [m] = await link('What is the minimum for the Harbor portfolio?', ['pr-red', 'pr-rex']);
    expect(m?.candidates.map((c) => c.id).sort()).toEqual(['pr-red', 'pr-rex']);
  });

  it('does not read another standalone letter as a typo ("vitamin D" is not "Vitamin C")', async () => {
    expect(await link('What do the vitamin D tablets cost?', ['vit-c'])).toEqual([]);
    const [m] = await link('What do the vitamin C tablts cost?', ['vit-c']);
    expect(m?.candidates.map((c) => c.id)).toEqual(['vit-c']);
  });
});

// Stores known by the street they are on.
const STORES = {
  'schema.yaml': `attributes:
  hours: { label: { zh: 营业时间 } }
`,
  'stores.csv': `id,type,name,aliases,hours
st-rm,store,康宁大药房人民路店,人民路店,08:00–22:00
st-hz,store,康宁大药房火车站店,火车站店,07:00–23:00
`,
};

describe('entity linking: a short stretch the question points at', () => {
  const link = useLinking(STORES);

  it('reads three characters of a name followed by "那家" as that name', async () => {
    const [m] = await link('人民路那家晚上开到几点？', ['st-rm', 'st-hz']);
    expect(m?.candidates.map((c) => c.id)).toEqual(['st-rm']);
  });

  it('does not read three characters alone as a name', async () => {
    expect(await link('人民路晚上堵车吗？', ['st-rm', 'st-hz'])).toEqual([]);
  });
});
