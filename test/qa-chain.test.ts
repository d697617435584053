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
