import { describe, expect, it } from 'vitest';
import { matchKey, nameKey } from '../src/ports/text-normalize.js';
import { composeGraphAnswer } from '../src/qa/compose.js';
import { detectLanguage } from '../src/qa/detect-language.js';
import { detectEscalation } from '../src/qa/escalation.js';
import { allowedTypos, substringEditDistance } from '../src/qa/fuzzy-match.js';
import { createOverlapScorer, lexicalUnits } from '../src/qa/lexical-overlap.js';
import { residual } from '../src/qa/map-predicate.js';
import { asksKindOfLast, degreeWords, detectCues, namesJoined, possessedFirst } from '../src/qa/question-cues.js';
import { labelModifiesNext, labelQualifiedBefore } from '../src/qa/residual-content.js';
import type { GraphAnswer } from '../src/qa/traverse.js';
import { createNameMatcher } from '../src/text/name-matcher.js';

describe('normalize', () => {
  it('folds width, case, spacing and punctuation for names', () => {
    expect(nameKey('Ｘ１ 降噪耳机')).toBe('x1降噪耳机');
    expect(nameKey('X1  降噪-耳机!')).toBe('x1降噪耳机');
  });
  it('keeps word edges between Latin words only', () => {
    expect(matchKey('Buy the X1 降噪耳机, now')).toBe('buy the x1降噪耳机now');
    expect(matchKey('x1, max')).toBe('x1 max');
  });
  it('reads a single Chinese numeral counting a unit as its digit, one character for one', () => {
    expect(matchKey('那三年期的呢？')).toBe(matchKey('那 3 年期的呢'));
    expect(matchKey('一楼西侧')).toBe('1楼西侧');
    expect(matchKey('两个月')).toBe('2个月');
    // Part of a larger number, after a Latin word, or not counting anything: unchanged.
    expect(matchKey('十一年')).toBe('十一年');
    expect(matchKey('iPhone一年')).toBe('iphone一年');
    expect(matchKey('三星手机')).toBe('三星手机');
  });
});

describe('language', () => {
  it('is Chinese when any Han character appears', () => {
    expect(detectLanguage('X1 耳机多少钱')).toBe('zh');
    expect(detectLanguage('How much is the X1?')).toBe('en');
  });
});

describe('name matcher (link stage)', () => {
  const m = createNameMatcher([
    { text: 'X1 降噪耳机', id: 'p-x1' },
    { text: 'X1', id: 'p-x1' },
    { text: 'X10', id: 'p-x10' },
    { text: 'Pro 充电宝', id: 'pb-a' },
    { text: 'Pro 充电宝', id: 'pb-b' },
  ]);
  it('finds the longest name and respects word edges', () => {
    expect(m.find('x1降噪耳机多少钱').map((h) => h.ids)).toEqual([['p-x1']]);
    expect(m.find('X10 怎么样').map((h) => h.ids)).toEqual([['p-x10']]);
    expect(m.find('max1 price')).toEqual([]);
  });
  it('finds long English names of institutions whole', () => {
    const long = 'Linjiang Housing Provident Fund Management Center';
    const names = createNameMatcher([
      { text: long, id: 'dept' },
      { text: 'Housing provident fund', id: 'fund' },
    ]);
    expect(names.find(`What is the phone number of the ${long}?`).map((h) => h.ids)).toEqual([['dept']]);
  });
  it('reports a shared name with every candidate', () => {
    expect(m.find('Pro 充电宝多少钱')[0]?.ids.sort()).toEqual(['pb-a', 'pb-b']);
  });
  it('reads an English plural ending and "and" for "&" as the name', () => {
    const words = createNameMatcher([
      { text: 'colour', id: 'colour' },
      { text: 'keyboards & mice', id: 'peripherals' },
      { text: 'bus', id: 'bus' },
    ]);
    expect(words.find('What colours does it come in?').map((h) => [h.ids[0], h.end - h.start])).toEqual([
      ['colour', 7],
    ]);
    expect(words.find('which buses stop here').map((h) => h.ids)).toEqual([['bus']]);
    expect(words.find('list the keyboards and mice').map((h) => h.ids)).toEqual([['peripherals']]);
    expect(words.find('colourful busy')).toEqual([]);
    const plural = createNameMatcher(
      [
        { text: 'laptops', id: 'laptops' },
        { text: 'smartwatches', id: 'watches' },
      ],
      { singulars: true },
    );
    // Not for phrases: "which services" does not stand for "which service halls".
    expect(createNameMatcher([{ text: 'which services', id: 's' }]).find('which service halls')).toEqual([]);
    expect(plural.find('the lightest laptop').map((h) => h.ids)).toEqual([['laptops']]);
    expect(plural.find('a smartwatch').map((h) => h.ids)).toEqual([['watches']]);
    expect(m.find('x1s')).toEqual([]); // a name ending in a digit takes no plural
  });
  it('reads "-ies" plurals of names in a consonant and "-y", and the singular of such plural names', () => {
    const kinds = createNameMatcher(
      [
        { text: 'library', id: 'library' },
        { text: 'Deliveries', id: 'deliveries' },
        { text: 'day', id: 'day' },
      ],
      { singulars: true },
    );
    expect(kinds.find('What libraries are there?').map((h) => h.ids)).toEqual([['library']]);
    expect(kinds.find('How long does a delivery take?').map((h) => h.ids)).toEqual([['deliveries']]);
    expect(kinds.find('three days').map((h) => h.ids)).toEqual([['day']]);
  });
});

describe('typos', () => {
  it('measures the cheapest appearance of a name inside text', () => {
    expect(substringEditDistance('macbook air m3', 'how heavy is the macbok air m3').distance).toBe(1);
    expect(substringEditDistance('小米笔记本pro14', '小米笔计本pro14卖多少钱').distance).toBe(1);
  });
  it('tolerates none in short names', () => {
    expect(allowedTypos(3)).toBe(0);
    expect(allowedTypos(6)).toBe(1);
    expect(allowedTypos(12)).toBe(2);
  });
});

describe('question cues', () => {
  it('recognises lists, comparisons, superlatives and their direction in both languages', () => {
    expect(detectCues('罗技有哪些商品？', 'zh')).toMatchObject({ list: true, compare: false });
    expect(detectCues('X1 和 X2 哪个续航更长', 'zh')).toMatchObject({ compare: true, direction: 'max' });
    expect(detectCues('哪个更便宜', 'zh')).toMatchObject({ compare: true, direction: 'min' });
    expect(detectCues('续航最长的耳机是哪款', 'zh')).toMatchObject({
      superlative: true,
      compare: false,
      direction: 'max',
    });
    expect(detectCues('存款最多能赔多少？', 'zh').superlative).toBe(false); // "at most", not a set's extreme
    expect(detectCues('哪款卡积分最多？', 'zh')).toMatchObject({ superlative: true, direction: 'max' });
    // Before a verb or a noun it is "at most" or an attribute's name, not a set's extreme.
    expect(detectCues('家财险最高保多少钱？', 'zh').superlative).toBe(false);
    expect(detectCues('青春信用卡最长能免息几天？', 'zh').superlative).toBe(false);
    expect(detectCues('最新款的手机是哪个', 'zh').superlative).toBe(true);
    expect(detectCues('Which is lighter, the X1 or the X2?', 'en')).toMatchObject({ compare: true, direction: 'min' });
    expect(detectCues('Which courier ships my order?', 'en').compare).toBe(false);
    // "Where is it cheaper, A or B?" and "Is A or B …er?" compare as "which" does.
    expect(detectCues('Where is a swim cheaper, the Lido or the Hub?', 'en')).toMatchObject({ compare: true });
    expect(detectCues('Is the X1 or the X2 lighter?', 'en')).toMatchObject({ compare: true, direction: 'min' });
    expect(detectCues('Is it open later on Fridays?', 'en').compare).toBe(false);
    expect(detectCues('Where is the nearest branch?', 'en').compare).toBe(false);
    // "分别", "各是多少", "each": the same fact of every thing named.
    expect(detectCues('Fixed 12 和 Fixed 24 提前解约的费用各是多少？', 'zh').each).toBe(true);
    expect(detectCues('两家店分别几点关门？', 'zh').each).toBe(true);
    expect(detectCues('How much is each plan per month?', 'en').each).toBe(true);
    expect(detectCues('X1 多少钱？', 'zh').each).toBe(false);
    expect(detectCues('What smartwatches do you sell?', 'en').list).toBe(true);
    expect(detectCues('What is the cheapest phone?', 'en')).toMatchObject({ superlative: true, direction: 'min' });
    // "The most I can …" is an amount's limit, as "最多能…" is.
    expect(detectCues("What's the least I can put into the balanced portfolio?", 'en').superlative).toBe(false);
    expect(detectCues("What's the most I can withdraw per day?", 'en').superlative).toBe(false);
    expect(detectCues('Which plan costs the least?', 'en').superlative).toBe(true);
    // "Which … do you run / provide" asks for a list too.
    expect(detectCues('What short courses do you run?', 'en').list).toBe(true);
  });
  it('picks out the words of degree, which name the compared dimension', () => {
    expect(degreeWords('Which mouse is lighter, the MX Master 3S or the G502?', 'en')).toBe('lighter');
    expect(degreeWords('Which card is more expensive to keep?', 'en')).toBe('more expensive');
    expect(degreeWords('Which order came after the other?', 'en')).toBe('');
    expect(degreeWords('哪个更轻，A 还是 B？', 'zh')).toBe('更轻');
  });
  it('puts the possessed name first ("A\'s B", "A 的 B" ask about B)', () => {
    const at = (key: string, ...names: string[]) =>
      names.map((n) => ({ name: n, start: key.indexOf(n), end: key.indexOf(n) + n.length }));
    const en = matchKey("What's the address of Mingde Hospital's West Campus?");
    expect(possessedFirst(en, at(en, 'mingde hospital', 'west campus')).map((m) => m.name)).toEqual([
      'west campus',
      'mingde hospital',
    ]);
    const zh = matchKey('明德医院的西院区地址在哪');
    expect(possessedFirst(zh, at(zh, '明德医院', '西院区')).map((m) => m.name)).toEqual(['西院区', '明德医院']);
    const joined = matchKey('X1 和 X2 哪个贵');
    expect(possessedFirst(joined, at(joined, 'x1', 'x2')).map((m) => m.name)).toEqual(['x1', 'x2']);
  });
  it('tells groups joined by "and" from names to intersect', () => {
    const spans = (key: string, ...names: string[]) =>
      names.map((n) => ({ start: key.indexOf(n), end: key.indexOf(n) + n.length }));
    expect(namesJoined('funds and bonds', spans('funds and bonds', 'funds', 'bonds'))).toBe(true);
    expect(namesJoined('基金和债券有哪些', spans('基金和债券有哪些', '基金', '债券'))).toBe(true);
    expect(namesJoined('华信的基金有哪些', spans('华信的基金有哪些', '华信', '基金'))).toBe(false);
  });
});

describe('a kind named only as what is asked for, about the last turn’s entity', () => {
  const spansOf = (q: string, name: string) => {
    const key = matchKey(q);
    return { key, spans: [{ start: key.indexOf(matchKey(name)) }] };
  };
  it('points back when a pronoun stands in for the subject and the kind follows "which"', () => {
    const zh = spansOf('它是哪款手机的升级版？', '手机');
    expect(asksKindOfLast(zh.key, zh.spans, 'zh')).toBe(true);
    const en = spansOf('Which phone is it the successor of?', 'phone');
    expect(asksKindOfLast(en.key, en.spans, 'en')).toBe(true);
  });
  it('does not when the kind is the subject or no pronoun points back', () => {
    const subject = spansOf('手机的保修期是多久？', '手机');
    expect(asksKindOfLast(subject.key, subject.spans, 'zh')).toBe(false);
    const noPronoun = spansOf('哪款手机最轻？', '手机');
    expect(asksKindOfLast(noPronoun.key, noPronoun.spans, 'zh')).toBe(false);
  });
});

describe('residual', () => {
  it('cuts the entity names out of the question', () => {
    const q = 'X1 降噪耳机的续航多久';
    const key = matchKey(q);
    expect(residual(q, [{ start: 0, end: key.indexOf('的') }])).toBe('的续航多久');
  });
});

describe('hybrid lexical overlap', () => {
  it('uses Han bigrams and Latin words, weighted by rarity', () => {
    expect(lexicalUnits('分期付款 for iPhone')).toEqual(['分期', '期付', '付款', 'iphone']);
    const score = createOverlapScorer(['分期付款规则', '退货政策', '退货流程', '保修政策']);
    expect(score('能分期吗', '分期付款规则')).toBeGreaterThan(score('能分期吗', '退货政策'));
  });
});

describe('escalation', () => {
  it('hands over when a person is asked for, not when the customer asks how to reach one', () => {
    expect(detectEscalation('转人工', 'zh', 0)?.reason).toBe('asked_for_human');
    expect(detectEscalation('怎么联系人工客服？', 'zh', 0)).toBeUndefined();
    expect(detectEscalation('I want to talk to a human', 'en', 0)?.reason).toBe('asked_for_human');
    expect(detectEscalation('How do I contact customer service?', 'en', 0)).toBeUndefined();
    expect(detectEscalation('What time can I talk to someone on the hotline?', 'en', 0)).toBeUndefined();
    // A verb of contact with a person as its object asks for one too.
    expect(detectEscalation('I need to chat with an operator', 'en', 0)?.reason).toBe('asked_for_human');
    expect(detectEscalation('help me contact somebody', 'en', 0)?.reason).toBe('asked_for_human');
    expect(detectEscalation('can I speak to a doctor about my results?', 'en', 0)).toBeUndefined();
  });
  it('reads mild profanity as anger, but not "bloody" that describes blood', () => {
    expect(detectEscalation('I need to correct the goddamn shipping address', 'en', 0)?.reason).toBe(
      'abusive_or_angry',
    );
    expect(detectEscalation('help me check my bloody invoice', 'en', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('what should I do about a bloody nose?', 'en', 0)).toBeUndefined();
    expect(detectEscalation('Can I scrap my old card?', 'en', 0)).toBeUndefined();
  });
  it('hands over when a complaint is made, not when the customer asks how complaints work', () => {
    expect(detectEscalation('我要投诉你们！', 'zh', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation("I'm going to complain to the regulator", 'en', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('投诉以后多久会有人确认收到？', 'zh', 0)).toBeUndefined();
    expect(detectEscalation('How do I complain about a rude clerk at the counter?', 'en', 0)).toBeUndefined();
    expect(detectEscalation("If you don't sort out my complaint, who can I take it to?", 'en', 0)).toBeUndefined();
    // Anger words still hand over, whatever else the question asks.
    expect(detectEscalation('This is ridiculous, how do I file a complaint?', 'en', 0)?.reason).toBe(
      'abusive_or_angry',
    );
    expect(detectEscalation('你们怎么回事，我要投诉', 'zh', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('我需要投诉你们的服务', 'zh', 0)?.reason).toBe('abusive_or_angry');
  });
  it('hands over on abuse and after repeated failures', () => {
    expect(detectEscalation('你们就是骗子！', 'zh', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('this is useless', 'en', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('hello?', 'en', 2)?.reason).toBe('repeated_fallback');
  });
  it('reads "垃圾" as an insult, not as the rubbish that is collected or the spam that is blocked', () => {
    expect(detectEscalation('你们的服务真垃圾', 'zh', 0)?.reason).toBe('abusive_or_angry');
    expect(detectEscalation('什么垃圾产品，太垃圾了', 'zh', 0)?.reason).toBe('abusive_or_angry');
    for (const q of ['星期几收垃圾？', '旧床垫塞不进垃圾桶怎么办', '厨余垃圾怎么投放', '怎么屏蔽垃圾短信'])
      expect(detectEscalation(q, 'zh', 0), q).toBeUndefined();
  });
});

describe('composition', () => {
  const info = {
    id: 'schema:attribute:custom',
    item: 'attribute' as const,
    key: 'custom',
    labels: { zh: '支持定制', en: 'customizable' },
  };
  const answer = (object: string) =>
    ({
      entity: { id: 'k1', name: 'K1 键盘' },
      predicate: { info, text: '定制', via: 'label', score: 1 },
      facts: [{ subject: 'k1', subjectName: 'K1 键盘', predicate: 'custom', object, source: 's', location: 'l' }],
      related: [],
    }) as unknown as GraphAnswer;
  it('says a yes/no attribute as "label: yes", not "label is yes"', () => {
    expect(composeGraphAnswer(answer('true'), 'zh')).toBe('K1 键盘的支持定制：是。');
    expect(composeGraphAnswer(answer('false'), 'en')).toBe('K1 键盘 — customizable: no.');
    expect(composeGraphAnswer(answer('12'), 'zh')).toBe('K1 键盘的支持定制是12。');
  });
  it('puts a unit after numbers only', () => {
    const fee = { ...info, key: 'fee', labels: { zh: '收费' }, unit: '元' };
    const a = (object: string) => ({
      ...answer(object),
      predicate: { info: fee, text: '收费', via: 'label', score: 1 },
    });
    expect(composeGraphAnswer(a('20') as GraphAnswer, 'zh')).toBe('K1 键盘的收费是20元。');
    expect(composeGraphAnswer(a('免费') as GraphAnswer, 'zh')).toBe('K1 键盘的收费是免费。');
    // Nothing to pay says so.
    expect(composeGraphAnswer(a('0') as GraphAnswer, 'zh')).toBe('K1 键盘的收费是0元（免费）。');
    const minutes = { ...fee, unit: '分钟' };
    const b = { ...a('0'), predicate: { info: minutes, text: '收费', via: 'label', score: 1 } };
    expect(composeGraphAnswer(b as GraphAnswer, 'zh')).toBe('K1 键盘的收费是0分钟。');
  });
  it('says text that carries its own words or signs around a number as written', () => {
    const with_ = (unit: string, object: string, lang: 'zh' | 'en') =>
      composeGraphAnswer(
        {
          ...answer(object),
          predicate: { info: { ...info, key: 'term', labels: { zh: '期限', en: 'term' }, unit }, text: '期限' },
        } as unknown as GraphAnswer,
        lang,
      );
    expect(with_('年', '18 个月', 'zh')).toBe('K1 键盘的期限是18 个月。');
    expect(with_('£', '£20', 'en')).toBe('The term of K1 键盘 is £20.');
    expect(with_('months', '1-month rolling', 'en')).toBe('The term of K1 键盘 is 1-month rolling.');
    expect(with_('元', '每页 0.5 元（快递费到付）', 'zh')).toBe('K1 键盘的期限是每页 0.5 元（快递费到付）。');
    // A bare number, with or without thousands separators, still takes the unit.
    expect(with_('年', '2', 'zh')).toBe('K1 键盘的期限是2年。');
    expect(with_('GBP', '1,458.36', 'en')).toBe('The term of K1 键盘 is 1,458.36 GBP.');
    expect(with_('GBP', '-3.5', 'zh')).toBe('K1 键盘的期限是-3.5 GBP。');
  });
});

describe('labels as modifiers', () => {
  const modifies = (question: string, label: string) => {
    const key = matchKey(question);
    return labelModifiesNext(key, label, key.indexOf(label) + label.length);
  };
  it('tells a label that qualifies the next noun from one that is asked for', () => {
    expect(modifies('需要品牌检测报告吗', '品牌')).toBe(true);
    expect(modifies('价格是多少', '价格')).toBe(false);
    expect(modifies('保修期多久', '保修期')).toBe(false);
    expect(modifies('业绩比较基准大概是多少', '业绩比较基准')).toBe(false);
    expect(modifies('一共要交几份材料', '要交几份')).toBe(false);
  });
  it('reads a bare "how much" / "how many" followed by a noun as asking for that noun', () => {
    expect(modifies('How much listening time does a charge give?', 'how much')).toBe(true);
    expect(modifies('How many pages can I print?', 'how many')).toBe(true);
    expect(modifies('How much is the X2?', 'how much')).toBe(false);
    expect(modifies('how much for the X1', 'how much')).toBe(false);
    expect(modifies('How much?', 'how much')).toBe(false);
  });
  it('reads a one-word label after a modifier the pack knows as another thing ("outgoing calls")', () => {
    const known = new Set(['outgoing', 'battery']);
    const qualified = (question: string, label: string) => {
      const key = matchKey(question);
      return labelQualifiedBefore(key, label, key.indexOf(label), () => false, known);
    };
    expect(qualified('when do you stop my outgoing calls?', 'calls')).toBe(true);
    expect(qualified("What's the battery capacity?", 'capacity')).toBe(true);
    expect(qualified("What's the street address?", 'address')).toBe(false); // the customer's own word
    expect(qualified('Do I get unlimited calls?', 'calls')).toBe(false);
    expect(qualified('How many calls are included?', 'calls')).toBe(false);
  });
  it('reads a word of a compound preposition as no label ("in charge of")', () => {
    expect(modifies('Which office is in charge of card replacement?', 'charge')).toBe(true);
    expect(modifies('Is there a charge for card replacement?', 'charge')).toBe(false);
    expect(modifies('Who is in charge of?', 'charge')).toBe(true);
  });
});
