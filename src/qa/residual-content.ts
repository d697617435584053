import { matchKey } from '../ports/text-normalize.js';
import type { KnowledgeIndex } from './knowledge-index.js';

// Question words, particles and verbs of asking: the grammar of a question, in either language.
const ZH_FUNCTION =
  /(请问|请|大概|大约|一共|总共|一般|通常|具体|到底|究竟|分别|至少|目前|现在|你们|您们|我们|我的|我|你|您|这个|那个|这款|那款|这|那|它的|它|他们|一下|介绍|是什么|是啥|什么|哪些|哪个|哪款|哪几|哪种|哪一|哪|多少|多久|多长|多大|多高|多重|多远|多快|几|怎么样|怎么|怎样|如何|为什么|能不能|可不可以|可以|能否|能|会|要|想|知道|告诉|有没有|有|是|的|了|吗|呢|吧|啊|么|都|还|也|就|和|与|及|或|跟|在|给|卖|买|款|个|种|家|店里|商品|产品|东西|所有|全部|选|挑|推荐|呀|哦|下面|里面|下边|里边|旗下|下属|其中|当中|档)/g;
const EN_FUNCTION = new Set(
  "the a an is are was were be been to of in on for and or with my your our i you we it its it's can could do does did how what what's which who whom whose when where why will would should may might this that these those there here have has had me us at by from as if about into any some tell know please list all every show sell sells sale carry offer offers provide provides available stock get buy order products product items item things thing kind kinds type types much many s".split(
    ' ',
  ),
);

/**
 * What a question asks beyond the entities it names and the attributes, relations and types whose
 * labels it uses: content the graph was not matched on. A structured answer that leaves such content
 * unexplained ("附近有什么地铁站", "share price today") is probably answering a different question.
 */
export function unexplainedContent(residualText: string, lang: 'zh' | 'en', index: KnowledgeIndex): string {
  let key = matchKey(residualText);
  for (const matcher of [index.predicates, index.types]) {
    const spans = matcher.find(key);
    for (const s of [...spans].reverse()) key = `${key.slice(0, s.start)} ${key.slice(s.end)}`;
  }
  if (lang === 'zh' || /\p{Script=Han}/u.test(key)) {
    key = key.replace(ZH_FUNCTION, ' ');
  }
  return key
    .split(/\s+/)
    .filter((w) => w && !EN_FUNCTION.has(w))
    .join(' ')
    .trim();
}

/** Latin/digit codes ("x3", "512gb") that appear nowhere in the knowledge base: things it knows nothing about. */
export function unknownCodes(question: string, index: KnowledgeIndex): string[] {
  const words = matchKey(question).match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => /\d/.test(w) && /[a-z]/.test(w) && !index.vocabulary.has(w));
}

/** Words after "how much" / "how many" that leave it asking on its own ("how much is it", "how much for"). */
const EN_AFTER_QUANTIFIER = new Set(
  'is are was were be does do did will would can could should shall may might must has have had for to it its they them i we you he she this that these those the a an of in on at per each more less money'.split(
    ' ',
  ),
);

/**
 * True when a Chinese label found at `end` of the match key is followed by content of its own
 * ("品牌检测报告": 品牌 qualifies 检测报告), so it modifies another noun instead of naming what is
 * asked. Question words and particles after it ("价格是多少", "保修期多久") leave it the head.
 * In English the same holds for a bare "how much" / "how many" label: "how much listening time"
 * asks for the listening time, not the price.
 */
export function labelModifiesNext(key: string, label: string, end: number, start = end - label.length): boolean {
  // "in charge of", "in case of", "in terms of": one word of a compound preposition, not a noun asked about.
  if (/^[a-z]+$/.test(matchKey(label)) && key.slice(0, start).endsWith('in ') && /^ of( |$)/.test(key.slice(end)))
    return true;
  if (/\b(much|many)$/.test(matchKey(label))) {
    const next = /^ ?([a-z]+)/.exec(key.slice(end))?.[1];
    return next !== undefined && !EN_AFTER_QUANTIFIER.has(next);
  }
  // A label that is itself a question phrase ("要交几份") is followed by what it counts ("材料").
  if (label.search(ZH_FUNCTION) >= 0) return false;
  const run = /^\p{Script=Han}+/u.exec(key.slice(end))?.[0] ?? '';
  if (!run) return false;
  const firstFunction = run.search(ZH_FUNCTION);
  const content = firstFunction < 0 ? run.length : firstFunction;
  return content >= 2;
}

/**
 * True when a one-word English label is the head of a compound whose modifier draws a distinction
 * the knowledge base knows ("battery capacity" is not the storage "capacity", "outgoing calls" not
 * the plan's "calls"): the word before it is one the pack uses (`known`), not grammar, an entity
 * name or part of a longer label (`taken`). A modifier the pack never uses is the customer's own
 * wording ("street address").
 */
export function labelQualifiedBefore(
  key: string,
  label: string,
  start: number,
  taken: (at: number) => boolean,
  known: ReadonlySet<string>,
): boolean {
  if (!/^[a-z]+$/.test(matchKey(label))) return false;
  const before = /([a-z]+) $/.exec(key.slice(0, start));
  if (!before) return false;
  const word = before[1]!;
  return known.has(word) && !EN_FUNCTION.has(word) && !taken(start - before[0].length);
}
