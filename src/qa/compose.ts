import type { GraphNode } from '../ports/graph-store.js';
import { labelOf, type SchemaItemInfo } from './knowledge-index.js';
import type { GraphAnswer } from './traverse.js';
import type { Language, Suggestion } from './types.js';

/**
 * Answer templates per language. Every sentence is filled only from graph facts or cited text;
 * nothing here states a fact of its own.
 */
const T = {
  zh: {
    attribute: (e: string, label: string, value: string) => `${e}的${label}是${value}。`,
    relation: (e: string, label: string, values: string) => `${e}的${label}：${values}。`,
    compare: (winner: string, label: string, better: string, values: string) =>
      `${winner}的${label}${better}。${values}。`,
    more: '更高',
    less: '更低',
    extreme: (group: string, winner: string, label: string, dir: 'max' | 'min', value: string) =>
      `${group}中${label}${dir === 'max' ? '最高' : '最低'}的是${winner}（${value}）。`,
    list: (group: string, names: string, more: number) =>
      `${group}有：${names}${more ? ` 等 ${more + names.split('、').length} 项` : ''}。`,
    via: (path: string) => `${path}。`,
    faq: (answer: string) => answer,
    passage: (title: string, text: string) => `根据《${title}》：${text}`,
    clarify: (name: string, options: string) => `“${name}”对应多个条目，请问您指的是哪一个：${options}？`,
    fallback: '抱歉，我在知识库中没有找到能可靠回答这个问题的内容。您可以换个说法，或者转人工客服。',
    closest: (topics: string) => `相关的话题有：${topics}。`,
    sep: '、',
    hop: (a: string, relation: string, b: string) => `${a}的${relation}：${b}`,
  },
  en: {
    attribute: (e: string, label: string, value: string) => `The ${label} of ${e} is ${value}.`,
    // Relation labels are often verb phrases ("sold at", "belongs to category"): no "X of Y" phrasing.
    relation: (e: string, label: string, values: string) => `${e} — ${label}: ${values}.`,
    compare: (winner: string, label: string, better: string, values: string) =>
      `${winner} has the ${better} ${label}. ${values}.`,
    more: 'higher',
    less: 'lower',
    extreme: (group: string, winner: string, label: string, dir: 'max' | 'min', value: string) =>
      `Among ${group}, ${winner} has the ${dir === 'max' ? 'highest' : 'lowest'} ${label} (${value}).`,
    list: (group: string, names: string, more: number) =>
      `${capitalise(group)}: ${names}${more ? ` and ${more} more` : ''}.`,
    via: (path: string) => `${path}.`,
    faq: (answer: string) => `From our FAQ: ${answer}`,
    passage: (title: string, text: string) => `According to "${title}": ${text}`,
    clarify: (name: string, options: string) =>
      `"${name}" matches more than one item. Which one do you mean: ${options}?`,
    fallback:
      "Sorry, I couldn't find anything in the knowledge base that reliably answers this. You could rephrase the question, or ask for a human agent.",
    closest: (topics: string) => `Related topics: ${topics}.`,
    sep: ', ',
    hop: (a: string, relation: string, b: string) => `${a} — ${relation}: ${b}`,
  },
} as const;

export function composeGraphAnswer(a: GraphAnswer, lang: Language): string {
  const t = T[lang];
  const { info } = a.predicate;
  const label = labelOf(info, info.key, lang);
  if (info.item === 'attribute') {
    const value = a.facts[0]!.object;
    // "X 的支持定制：是" — "…的支持定制是是" and "The noise cancelling of X is yes" read badly.
    if (value === 'true' || value === 'false') return t.relation(a.entity.name, label, formatValue(value, lang));
    return t.attribute(a.entity.name, label, withUnit(value, info, lang));
  }
  const names = [...new Set(a.related.map((n) => n.name))];
  if (a.incoming) return t.relation(joinAnd(names, lang), label, a.entity.name);
  return t.relation(a.entity.name, label, names.join(t.sep));
}

/** "A、B和C" / "A, B and C": several subjects of one fact. */
function joinAnd(names: string[], lang: Language): string {
  const and = lang === 'zh' ? '和' : ' and ';
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(T[lang].sep)}${and}${names.at(-1)}`;
}

export function composeComparison(
  rows: { node: GraphNode; value: number; raw: string }[],
  winner: GraphNode,
  info: SchemaItemInfo,
  dir: 'max' | 'min',
  lang: Language,
): string {
  const t = T[lang];
  const label = labelOf(info, info.key, lang);
  const values = rows.map((r) => `${r.node.name}：${withUnit(r.raw, info, lang)}`).join(lang === 'zh' ? '；' : '; ');
  return t.compare(winner.name, label, dir === 'max' ? t.more : t.less, values);
}

export function composeExtreme(
  group: string,
  winner: GraphNode,
  raw: string,
  info: SchemaItemInfo,
  dir: 'max' | 'min',
  lang: Language,
) {
  return T[lang].extreme(group, winner.name, labelOf(info, info.key, lang), dir, withUnit(raw, info, lang));
}

export function composeList(group: string, names: string[], lang: Language, max = 20): string {
  const shown = names.slice(0, max);
  return T[lang].list(group, shown.join(T[lang].sep), names.length - shown.length);
}

/**
 * "K1 刻字定制机械键盘的所属品类：定制商品。" — the hops that led from the entity to the policy,
 * each said with its relation's label (a hop is not always membership).
 */
export function composePath(steps: { from: string; relation: string; to: string }[], lang: Language): string {
  if (steps.length === 0) return '';
  const path = steps.map((s) => T[lang].hop(s.from, s.relation, s.to)).join(lang === 'zh' ? '，' : ', ');
  return T[lang].via(path);
}

export const composeFaq = (answer: string, lang: Language) => T[lang].faq(answer);
export const composePassage = (title: string, text: string, lang: Language) => T[lang].passage(title, text);
export const composeClarify = (name: string, options: string[], lang: Language) =>
  T[lang].clarify(name, options.join(T[lang].sep));

export function composeFallback(suggestions: Suggestion[], lang: Language): string {
  const t = T[lang];
  if (suggestions.length === 0) return t.fallback;
  return `${t.fallback}${lang === 'en' ? ' ' : ''}${t.closest(suggestions.map((s) => s.text).join(t.sep))}`;
}

function withUnit(value: string, info: SchemaItemInfo, lang: Language): string {
  const shown = formatValue(value, lang);
  const unit = info.units?.[lang] ?? info.unit;
  // A unit belongs to a bare number. Text around a number already says what it counts, in its own
  // words or signs: "免费", "18 个月" under 年, "£20" under £, "每页 0.5 元（…）" are said as written.
  if (!unit || !BARE_NUMBER.test(value.normalize('NFKC').trim())) return shown;
  const withIt = lang === 'en' || /^[a-z]/i.test(unit) ? `${shown} ${unit}` : `${shown}${unit}`;
  // "补卡费是0元" answers "要收钱吗" only to a reader who does the sum.
  return Number(shown) === 0 && CURRENCY.test(unit) ? `${withIt}${lang === 'zh' ? '（免费）' : ' (free)'}` : withIt;
}

/** A number and nothing else, maybe signed, with thousands separators or decimals ("1,458.36"). */
const BARE_NUMBER = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** Units of money, in the words of the languages (not of a domain). */
const CURRENCY =
  /^(元|人民币|块|美元|欧元|英镑|港币|日元|yuan|rmb|cny|usd|eur|gbp|hkd|jpy|dollars?|euros?|pounds?|[$€£¥])$/i;

function formatValue(value: string, lang: Language): string {
  if (value === 'true') return lang === 'zh' ? '是' : 'yes';
  if (value === 'false') return lang === 'zh' ? '否' : 'no';
  return value.replace(/\|/g, T[lang].sep);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
