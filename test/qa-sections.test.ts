import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/qa/thresholds.js';
import type { Services } from '../src/services.js';
import { usePack, weighed } from './support/temp-pack.js';

// A policy whose long sections say little in their first words; their headings say what they are about.
const PACK = {
  'booking.md': `---
id: pol-booking
type: policy
title: 预约规则
---

本规则适用于各服务大厅的预约、取号和叫号，以及与之相关的各项安排和例外情形的处理办法。

## 爽约的后果

一个自然月内累计三次预约后未到场、也未提前取消的，系统将暂停该身份证号的网上预约资格三十天，期间仍可以到现场排队取号办理，暂停期满后自动恢复，无需另行申请。

## 预约渠道

可以通过手机应用、政务服务网站或者服务热线预约未来七天内的时段，每个时段三十分钟，预约成功后会收到短信通知。
`,
};

describe('policy sections', () => {
  const pack = usePack(PACK);

  it('answers with the section whose heading is what the question asks about', async () => {
    const r = await pack.services.qa.ask({ question: '爽约的后果' });
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('暂停该身份证号的网上预约资格三十天');
  });
});

// One cancellation policy for two sibling categories; the home section repeats the question's words.
const SIBLINGS = {
  'products.csv': `id,type,name,aliases,rel:IN_CATEGORY,rel:PARENT
cat-general,category,General Insurance,,,
cat-motor,category,Motor Insurance,,,cat-general
cat-home,category,Home Insurance,,,cat-general
car-plus,product,Car Plus,,cat-motor,
home-basic,product,Home Basic,,cat-home,
`,
  'cancellation.md': `---
id: pol-cancel
type: policy
title: Cancellation and refunds
applies_to: [cat-general]
---

## Motor Insurance after the cooling-off period

A motor policy cancelled later is refunded pro rata, less a £35 cancellation fee.

## Home Insurance after the cooling-off period

If I cancel my policy after the cooling-off period, what fee do you take off the refund? For a home policy we take a £20 cancellation fee off the refund.
`,
};

describe('policy sections of sibling groups', () => {
  const pack = usePack(SIBLINGS);

  it("passes over a section whose heading names another group of the entity's kind", async () => {
    const r = await pack.services.qa.ask({
      question: 'If I cancel my Car Plus after the cooling-off period, what fee do you take off the refund?',
      debug: true,
    });
    const readings = weighed(r);
    const scoped = readings.find((c) => c.kind === 'passage:scoped');
    expect(scoped?.answer).toContain('£35');
  });
});

// The same policy in English and in Chinese: English questions about English text have their own scale.
const BILINGUAL = {
  'rules-en.md': `---
id: pol-en
type: policy
title: Billing rules
---

## Paying by card

Pay your bill by debit or credit card in the app or on the phone line.
`,
  'rules-zh.md': `---
id: pol-zh
type: policy
title: 缴费规则
---

## 刷卡缴费

可以在手机应用或者电话热线用借记卡或信用卡缴纳账单。
`,
};

describe('calibration by the language of the section', () => {
  const passage = async (services: Services, question: string) => {
    const r = await services.qa.ask({ question, debug: true });
    const readings = weighed(r);
    return readings.find((c) => c.kind === 'passage')?.confidence ?? 0;
  };
  const unreachable = { floor: 5, ceiling: 6 };
  // Headings off for both, so only the section text's scale differs.
  const base = { ...DEFAULT_THRESHOLDS, sectionHeading: { zh: unreachable, en: unreachable } };
  const strict = { ...base, englishSection: { scoped: unreachable, passage: unreachable } };
  const plain = usePack(BILINGUAL, base);
  const english = usePack(BILINGUAL, strict);

  it('scores an English question against an English section on the English scale only', async () => {
    const q = 'Can I pay my bill by credit card in the app?';
    expect(await passage(plain.services, q)).toBeGreaterThan(0);
    expect(await passage(english.services, q)).toBe(0);
    // A Chinese question, or a Chinese section, keeps the general scale.
    const zh = '可以用信用卡缴纳账单吗';
    expect(await passage(plain.services, zh)).toBeGreaterThan(0);
    expect(await passage(english.services, zh)).toBe(await passage(plain.services, zh));
  });
});
