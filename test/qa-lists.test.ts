import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/services.js';
import { servicesForPack, usePack, weighed } from './support/temp-pack.js';

// Groups with a sub-group, a brand, and members that have neighbours of their own (an accessory,
// an upgrade): only what belongs to a group is listed. Model-free (fake embedder).
const PACK = {
  'schema.yaml': `types:
  branch: { label: { zh: 网点, en: branch }, synonyms: [营业厅, branches] }
`,
  'branches.csv': `id,type,name,aliases
br-1,branch,东门营业厅,East Gate branch
br-2,branch,西门营业厅,West Gate branch
`,
  'groups.csv': `id,type,name,aliases,rel:PARENT
g-all,category,理财产品,wealth products,
g-fund,category,基金,funds,g-all
g-bond,category,债券,bonds,g-all
g-card,category,银行卡,cards,
b-hx,brand,华信,Huaxin,
`,
  'items.csv': `id,type,name,aliases,rel:IN_CATEGORY,rel:BRAND,rel:WORKS_WITH,rel:REPLACES
f1,product,稳健一号基金,Steady Fund,g-fund,b-hx,,
f2,product,成长二号基金,Growth Fund,g-fund,,,f1
d1,product,国债 2025,Treasury 2025,g-bond,b-hx,,
c1,product,借记卡,Debit Card,g-card,b-hx,f1,
`,
};

describe('list answers', () => {
  let services: Services;
  const names = async (question: string) => {
    const r = await services.qa.ask({ question });
    expect(r.status, question).toBe('answered');
    return r.facts.map((f) => f.subjectName).sort();
  };

  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ services, close } = await servicesForPack(PACK));
  });
  afterAll(() => close());

  it('lists a group through its sub-groups, but not its members’ own neighbours', async () => {
    expect(await names('有哪些理财产品？')).toEqual(['国债 2025', '成长二号基金', '稳健一号基金']);
    // 借记卡 WORKS_WITH 稳健一号基金 and 成长二号基金 REPLACES it: neither makes them a fund's member twice over.
    expect(await names('有哪些基金？')).toEqual(['成长二号基金', '稳健一号基金']);
    // Words of place and grade in a list question are grammar, not a condition on the members.
    expect(await names('基金下面有哪几档产品？')).toEqual(['成长二号基金', '稳健一号基金']);
  });

  it('intersects a brand and a category named together', async () => {
    expect(await names('华信的基金有哪些？')).toEqual(['稳健一号基金']);
  });

  it('lists either group when they are joined by "and" / "和"', async () => {
    expect(await names('有哪些基金和债券？')).toEqual(['国债 2025', '成长二号基金', '稳健一号基金']);
    expect(await names('Which funds and bonds do you offer?')).toEqual(['国债 2025', '成长二号基金', '稳健一号基金']);
  });

  it('lists every entity of a type the question names when it names no group', async () => {
    expect(await names('你们有哪些网点？')).toEqual(['东门营业厅', '西门营业厅']);
    expect(await names('What branches do you have?')).toEqual(['东门营业厅', '西门营业厅']);
    expect((await services.qa.ask({ question: 'What branches do you have?' })).answer).toMatch(/^Branches: /);
  });
});

// Amounts written with a currency sign and thousands separators, and durations in two units.
const QUANTITIES = {
  'schema.yaml': `attributes:
  medical_cover: { label: { zh: 医疗保额, en: medical cover } }
  max_trip: { label: { zh: 最长行程, en: longest trip } }
`,
  'plans.csv': `id,type,name,aliases,medical_cover,max_trip,rel:IN_CATEGORY
g-travel,category,旅行险,travel insurance,,,
p-single,product,单次旅行险,Single Trip,"£5,000,000",90 days,g-travel
p-annual,product,年度旅行险,Annual Trip,"£10,000,000",45 days,g-travel
p-long,product,长期旅行险,Long Stay,"£2,000,000",1 year,g-travel
`,
};

describe('comparing quantities', () => {
  const pack = usePack(QUANTITIES);

  it('compares amounts with a currency sign and thousands separators', async () => {
    const r = await pack.services.qa.ask({ question: '单次旅行险和年度旅行险，哪个医疗保额更高？' });
    expect(r.answer).toMatch(/^年度旅行险/);
  });
  it('takes an extreme only among values in one unit', async () => {
    const r = await pack.services.qa.ask({ question: '旅行险里最长行程最长的是哪个？' });
    expect(r.answer).toContain('单次旅行险');
    expect(r.answer).not.toContain('长期旅行险');
  });
});

// A plan that add-ons point at, available in towns: "which towns" does not list the add-ons.
const KINDS = {
  'schema.yaml': `types:
  town: { label: { zh: 城镇, en: town } }
relations:
  AVAILABLE_IN: { label: { zh: 开通地区, en: available in } }
  ADD_ON_TO: { label: { zh: 可附加于, en: can be added to } }
`,
  'things.csv': `id,type,name,aliases,rel:AVAILABLE_IN,rel:ADD_ON_TO
town-a,town,Ashby Cross,,,
town-p,town,Port Wrenna,,,
fibre,plan,Fibre 1 Gig,,town-a|town-p,
phone-a,addon,Home Phone Anytime,,,fibre
phone-b,addon,Home Phone Pay As You Call,,,fibre
`,
};

describe('lists of a named kind', () => {
  const pack = usePack(KINDS);

  it('does not list what points at an entity when the question asks for another kind', async () => {
    const r = await pack.services.qa.ask({ question: 'In which towns can I get Fibre 1 Gig?', debug: true });
    const readings = weighed(r);
    expect(readings.some((c) => c.kind === 'list')).toBe(false);
  });
});

// A zone with its own list-valued attribute, and services that point at it.
const OWN_LIST = {
  'schema.yaml': `attributes:
  countries: { label: { zh: 包含国家, en: countries covered }, synonyms: [包括哪些国家] }
relations:
  SHIPS_TO: { label: { zh: 寄达区域, en: ships to } }
`,
  'zones.csv': `id,type,name,aliases,countries,rel:SHIPS_TO
zone-2,zone,国际二区,Zone 2,美国、加拿大、英国,
svc-a,service,国际经济快递,International Economy,,zone-2
svc-b,service,国际特快,International Express,,zone-2
`,
};

describe('a list question that names an attribute', () => {
  const pack = usePack(OWN_LIST);

  it("answers with the entity's own list, not with what points at it", async () => {
    const r = await pack.services.qa.ask({ question: '国际二区都包括哪些国家？' });
    expect(r.answer).toContain('加拿大');
  });
});

// Two services with the same first weight and different prices for it.
const TIED = {
  'schema.yaml': `attributes:
  first_weight: { label: { zh: 首重, en: first weight } }
  first_price: { label: { zh: 首重价格, en: first-weight price }, synonyms: [首重多少钱] }
`,
  'services.csv': `id,type,name,aliases,first_weight,first_price
svc-next,service,次日达,Next-day,1,22
svc-std,service,标准快递,Standard Express,1,12
`,
};

describe('comparisons over equal values', () => {
  const pack = usePack(TIED);

  it('does not compare on an attribute whose values are all the same', async () => {
    const r = await pack.services.qa.ask({ question: '次日达和标准快递，首重哪个贵？', debug: true });
    const compare = weighed(r).find((c) => c.kind === 'compare');
    expect(compare?.answer ?? '').not.toMatch(/首重更/);
  });
});

// Two tiers whose rule for earning points is a sentence, and two stores whose hours are a span.
const SIDE_BY_SIDE = {
  'schema.yaml': `attributes:
  points_rate: { label: { zh: 积分规则, en: points rate } }
  hours: { label: { zh: 营业时间, en: opening hours } }
`,
  'things.csv': `id,type,name,aliases,points_rate,hours
gold,tier,金卡会员,Gold member,每消费 1 元积 1.5 分,
diamond,tier,钻石会员,Diamond member,每消费 1 元积 2 分,
north,store,北门店,North store,,08:30–22:00
south,store,南门店,South store,,08:00–21:00
`,
};

describe('an attribute of two named entities that is no single number', () => {
  const pack = usePack(SIDE_BY_SIDE);

  it('sets out both values rather than one entity’s alone', async () => {
    const r = await pack.services.qa.ask({
      question: 'Which has the better points rate, the Gold member or the Diamond member?',
    });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('1.5 分');
    expect(r.answer).toContain('2 分');
    const zh = await pack.services.qa.ask({ question: '北门店和南门店的营业时间，哪家先开门？' });
    expect(zh.answer).toContain('08:30–22:00');
    expect(zh.answer).toContain('08:00–21:00');
  });

  it('sets out the fact of each when the question asks for each, however alike', async () => {
    const zh = await pack.services.qa.ask({ question: '北门店和南门店的营业时间分别是几点？' });
    expect(zh.answer).toContain('08:30–22:00');
    expect(zh.answer).toContain('08:00–21:00');
    const en = await pack.services.qa.ask({
      question: 'What points rate do the Gold member and the Diamond member each get?',
    });
    expect(en.answer).toContain('1.5 分');
    expect(en.answer).toContain('2 分');
  });
});

// Names of one kind that share a word, and a list question that asks for nothing about them.
const TIERS = {
  'schema.yaml': `attributes:
  discount: { label: { zh: 折扣, en: discount } }
`,
  'tiers.csv': `id,type,name,aliases,discount
t-jade,tier,玉卡会员,Jade member,9.8 折
t-gold,tier,金卡会员,Gold member,9.5 折
t-ruby,tier,红宝石会员,Ruby member,9 折
`,
};

describe('a list question naming a word several names share', () => {
  const pack = usePack(TIERS);

  it('lists the things that share it rather than asking which one', async () => {
    const r = await pack.services.qa.ask({ question: 'What member levels do you have?' });
    expect(r.status).toBe('answered');
    for (const name of ['玉卡会员', '金卡会员', '红宝石会员']) expect(r.answer).toContain(name);
  });

  it('still asks which one when the question asks something about it', async () => {
    const r = await pack.services.qa.ask({ question: 'What discount do you have for a member?' });
    expect(r.status).not.toBe('answered');
  });
});

// The organisation is a kind with one member; its departments are another kind.
const SELF = {
  'schema.yaml': `types:
  college: { label: { zh: 学校, en: college }, synonyms: [本校] }
  school: { label: { zh: 学院（系部）, en: school }, synonyms: [学院, 有哪些学院] }
`,
  'things.csv': `id,type,name,aliases
col,college,河畔继续教育学院,Riverside College
s-biz,school,商学院,School of Business
s-dig,school,数字技术学院,School of Digital Technology
`,
};

describe('a list of a kind beside the organisation speaking of itself', () => {
  const pack = usePack(SELF);

  it('lists the kind with many members, titled by its label rather than a question the pack listed', async () => {
    const r = await pack.services.qa.ask({ question: '学校下面都有哪些学院？' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('商学院');
    expect(r.answer).toContain('数字技术学院');
    expect(r.answer.startsWith('学院（系部）')).toBe(true);
  });
});

// Relationships stored one way: wards PART_OF the town, libraries LOCATED_IN it; more libraries
// than wards point at the town.
const TOWN = {
  'schema.yaml': `types:
  ward: { label: { zh: 选区, en: ward } }
  library: { label: { zh: 图书馆, en: library }, synonyms: [libraries] }
relations:
  PART_OF: { label: { zh: 所属城镇, en: part of } }
  LOCATED_IN: { label: { zh: 所在城镇, en: located in } }
`,
  'places.csv': `id,type,name,aliases,rel:PART_OF,rel:LOCATED_IN
town-k,town,Kestwick,凯斯威克,,
ward-n,ward,North Ward,北区,town-k,
ward-s,ward,South Ward,南区,town-k,
lib-a,library,Abbey Library,,,town-k
lib-b,library,Bridge Library,,,town-k
lib-c,library,Canal Library,,,town-k
`,
};

describe('a relation asked on the entity it points at', () => {
  const pack = usePack(TOWN);

  it('says the facts with their real subjects, not under the forward label of the entity asked about', async () => {
    const en = await pack.services.qa.ask({ question: 'What is Kestwick part of?' });
    expect(en.answer).not.toMatch(/Kestwick — part of/);
    if (en.status === 'answered') {
      expect(en.answer).toBe('North Ward and South Ward — part of: Kestwick.');
      expect(en.facts.map((f) => [f.subjectName, f.object])).toEqual([
        ['North Ward', 'Kestwick'],
        ['South Ward', 'Kestwick'],
      ]);
      expect(en.citations.map((c) => c.excerpt)).toEqual([
        'North Ward · part of: Kestwick',
        'South Ward · part of: Kestwick',
      ]);
    }
    const zh = await pack.services.qa.ask({ question: '凯斯威克的所属城镇是哪里？' });
    expect(zh.answer).not.toMatch(/^Kestwick的所属城镇/);
    if (zh.status === 'answered') expect(zh.answer).toBe('North Ward和South Ward的所属城镇：Kestwick。');
  });

  it('says a forward fact as before', async () => {
    const r = await pack.services.qa.ask({ question: 'What is North Ward part of?' });
    expect(r.answer).toBe('North Ward — part of: Kestwick.');
  });
});

describe('a list of members of the kind the question names', () => {
  const pack = usePack(TOWN);

  it('lists the wards of a town although more libraries point at it', async () => {
    expect(await listed(pack.services, 'What wards are there in Kestwick?')).toEqual(['North Ward', 'South Ward']);
    expect(await listed(pack.services, 'Kestwick有哪些选区？')).toEqual(['North Ward', 'South Ward']);
    expect(await listed(pack.services, 'What libraries are there in Kestwick?')).toEqual([
      'Abbey Library',
      'Bridge Library',
      'Canal Library',
    ]);
  });

  it('lists the most common kind when the question names none', async () => {
    for (const question of ['What do you have in Kestwick?', 'Kestwick有哪些？'])
      expect(await listed(pack.services, question)).toEqual(['Abbey Library', 'Bridge Library', 'Canal Library']);
  });
});

async function listed(services: Services, question: string): Promise<string[]> {
  const r = await services.qa.ask({ question });
  expect(r.status, question).toBe('answered');
  return r.facts.map((f) => f.subjectName).sort();
}

// Customer centres, some walk-in; tariffs, two of them time-of-use. Prose in the descriptions only.
const CENTRES = {
  'schema.yaml': `types:
  centre: { label: { zh: 客户中心, en: customer centre } }
  tariff: { label: { zh: 套餐, en: tariff } }
attributes:
  access: { label: { zh: 到访方式, en: access } }
`,
  'things.csv': `id,type,name,aliases,description,access
c-a,centre,Alder Centre,,You can open an account here.,walk-in
c-b,centre,Birch Centre,,,by appointment only
c-c,centre,Cedar Centre,,,walk-in
t-1,tariff,分时电价 A,,,
t-2,tariff,分时电价 B,,,
t-3,tariff,固定电价,,,
`,
};

describe('a list of a kind narrowed by the question’s own words', () => {
  const pack = usePack(CENTRES);
  const ask = (question: string) => pack.services.qa.ask({ question });

  it('reads a kind named in the plural after "which/what" as a list, whatever else the customer says', async () => {
    const r = await ask('Which customer centres does the company run?');
    expect(r.status).toBe('answered');
    for (const name of ['Alder Centre', 'Birch Centre', 'Cedar Centre']) expect(r.answer).toContain(name);
    expect((await ask('Where are your customer centres?')).answer).toContain('Birch Centre');
  });

  it('lists only the members the question’s words pick out by their names or facts', async () => {
    const walk = await ask('Which of your customer centres can I walk into?');
    expect(walk.answer).toContain('Alder Centre');
    expect(walk.answer).toContain('Cedar Centre');
    expect(walk.answer).not.toContain('Birch Centre');
    const zh = await ask('分时电价的套餐有哪几个？');
    expect(zh.answer).toContain('分时电价 A');
    expect(zh.answer).not.toContain('固定电价');
    // A description's prose picks nobody out: "open" is the customer's verb here.
    expect((await ask('Which customer centres can I open an account at?')).answer).toContain('Birch Centre');
  });

  it('lists nobody when asked for members that have what none of them has', async () => {
    expect((await ask('哪些客户中心有充电桩？')).status).not.toBe('answered');
    expect((await ask('Which customer centres have a cafe?')).status).not.toBe('answered');
    // Not a list question: a plural kind inside a yes/no question.
    expect((await ask('Can I get a flu jab at one of your customer centres?')).answer).not.toContain('Alder Centre');
  });
});
