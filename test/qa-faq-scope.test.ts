import { describe, expect, it } from 'vitest';
import { usePack } from './support/temp-pack.js';

// Two halls of the same kind; the FAQ speaks of one of them. Model-free (fake embedder).
const PACK = {
  'halls.csv': `id,type,name,aliases
h-citizen,hall,市民中心,Citizen Center
h-enterprise,hall,企业服务中心,Enterprise Service Center
`,
  'faq.jsonl': `{"id": "faq-parking", "question": "市民中心有停车场吗？", "answer": "市民中心地下停车场前 2 小时免费。", "alternates": ["Is there parking at the Citizen Center?"]}
`,
};

describe('FAQs about another thing of the same kind', () => {
  const pack = usePack(PACK);

  it('answers the FAQ for the thing it names', async () => {
    const r = await pack.services.qa.ask({ question: 'Is there parking at the Citizen Center?' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('2 小时免费');
  });

  it('does not answer it for another thing of the same kind', async () => {
    const r = await pack.services.qa.ask({ question: 'Is there parking at the Enterprise Service Center?' });
    expect(r.status).not.toBe('answered');
  });
});
