import { describe, expect, it } from 'vitest';
import { usePack, weighed } from './support/temp-pack.js';

// A dorm managed by an office, an office with a phone, a category with one member. Model-free.
const PACK = {
  'schema.yaml': `types:
  office: { label: { zh: 部门, en: office } }
  dorm: { label: { zh: 宿舍, en: dormitory } }
  loan: { label: { zh: 贷款产品, en: loan } }
attributes:
  phone: { label: { zh: 电话, en: phone number } }
  fee: { label: { zh: 住宿费, en: housing fee } }
  loan_term: { label: { zh: 最长期限, en: maximum term } }
relations:
  MANAGED_BY: { label: { zh: 主管部门, en: managed by } }
  BELONGS_TO: { label: { zh: 所属类别, en: belongs to category } }
`,
  'places.csv': `id,type,name,aliases,phone,fee,rel:MANAGED_BY
off-student,office,学生处,Student Affairs Office,0739-6288-1200,,
dorm-q,dorm,求是公寓,Qiushi Apartments,,1500 元,off-student
`,
  'loans.csv': `id,type,name,aliases,loan_term,rel:BELONGS_TO
cat-m,category,住房贷款,Mortgages,,
loan-m,loan,安居房贷,Home Mortgage,30 年,cat-m
`,
};

describe('a fact of what the named entity leads to', () => {
  const pack = usePack(PACK);

  it('reads the asked attribute on the one entity a relation leads to when the question names its kind', async () => {
    const r = await pack.services.qa.ask({
      question: "What's the phone number of the office that manages the Qiushi Apartments?",
    });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('0739-6288-1200');
    expect(r.answer).toContain('学生处'); // the hop is said, not only its end
    const zh = await pack.services.qa.ask({ question: '求是公寓的主管部门电话是多少？' });
    expect(zh.answer).toContain('0739-6288-1200');
  });

  it('does not walk a relation backwards (a category to its member)', async () => {
    const r = await pack.services.qa.ask({ question: 'What is the maximum term of a loan in Mortgages?', debug: true });
    const readings = weighed(r);
    expect(readings.some((c) => c.kind === 'graph:chain')).toBe(false);
  });
});

// Course → teacher → centre → city, each a relation the importer stores one way.
const HOPS = {
  'schema.yaml': `types:
  course: { label: { zh: 课程, en: course } }
  teacher: { label: { zh: 老师, en: teacher } }
  centre: { label: { zh: 学习中心, en: learning centre } }
  city: { label: { zh: 城市, en: city } }
attributes:
  phone: { label: { zh: 电话, en: phone number } }
relations:
  TAUGHT_BY: { label: { zh: 主讲老师, en: taught by } }
  BASED_AT: { label: { zh: 常驻学习中心, en: based at } }
  IN_CITY: { label: { zh: 所在城市, en: located in } }
`,
  'things.csv': `id,type,name,aliases,phone,rel:TAUGHT_BY,rel:BASED_AT,rel:IN_CITY
city-l,city,鹭川市,Luchuan,,,,
ctr-w,centre,万象城学习中心,Wanxiang Centre,0588-1234,,,city-l
t-shen,teacher,沈卓然,Shen Zhuoran,,,ctr-w,
crs-i,course,雅思冲刺班,IELTS Sprint,,t-shen,,
`,
};

describe('facts two and three relations away', () => {
  const pack = usePack(HOPS);

  it('follows the relations the question names to the entity it asks about', async () => {
    const phone = await pack.services.qa.ask({
      question: "What's the phone number of the learning centre where the teacher of IELTS Sprint is based?",
    });
    expect(phone.status).toBe('answered');
    expect(phone.answer).toContain('0588-1234');
    expect(phone.answer).toContain('沈卓然'); // every hop is said
    const city = await pack.services.qa.ask({ question: '雅思冲刺班的主讲老师在哪个城市的学习中心？' });
    expect(city.answer).toContain('鹭川市');
  });
});
