import { labelOf } from './knowledge-index.js';
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
    faq: (answer: string) => answer,
    passage: (title: string, text: string) => `根据《${title}》：${text}`,
    clarify: (name: string, options: string) => `“${name}”对应多个条目，请问您指的是哪一个：${options}？`,
    fallback: '抱歉，我在知识库中没有找到能可靠回答这个问题的内容。您可以换个说法，或者转人工客服。',
    closest: (topics: string) => `相关的话题有：${topics}。`,
    list: '、',
  },
  en: {
    attribute: (e: string, label: string, value: string) => `The ${label} of ${e} is ${value}.`,
    relation: (e: string, label: string, values: string) => `${capitalise(label)} of ${e}: ${values}.`,
    faq: (answer: string) => `From our FAQ: ${answer}`,
    passage: (title: string, text: string) => `According to "${title}": ${text}`,
    clarify: (name: string, options: string) =>
      `"${name}" matches more than one item. Which one do you mean: ${options}?`,
    fallback:
      "Sorry, I couldn't find anything in the knowledge base that reliably answers this. You could rephrase the question, or ask for a human agent.",
    closest: (topics: string) => `Related topics: ${topics}.`,
    list: ', ',
  },
} as const;

export function composeGraphAnswer(a: GraphAnswer, lang: Language): string {
  const t = T[lang];
  const { info } = a.predicate;
  const label = labelOf(info, info.key, lang);
  if (info.item === 'attribute') {
    const value = a.facts[0]!.object;
    const unit = info.unit && !value.endsWith(info.unit) ? `${lang === 'en' ? ' ' : ''}${info.unit}` : '';
    return t.attribute(a.entity.name, label, formatValue(value, lang) + unit);
  }
  const names = [...new Set(a.related.map((n) => n.name))];
  return t.relation(a.entity.name, label, names.join(t.list));
}

export const composeFaq = (answer: string, lang: Language) => T[lang].faq(answer);
export const composePassage = (title: string, text: string, lang: Language) => T[lang].passage(title, text);
export const composeClarify = (name: string, options: string[], lang: Language) =>
  T[lang].clarify(name, options.join(T[lang].list));

export function composeFallback(suggestions: Suggestion[], lang: Language): string {
  const t = T[lang];
  if (suggestions.length === 0) return t.fallback;
  return `${t.fallback}${lang === 'en' ? ' ' : ''}${t.closest(suggestions.map((s) => s.text).join(t.list))}`;
}

function formatValue(value: string, lang: Language): string {
  if (value === 'true') return lang === 'zh' ? '是' : 'yes';
  if (value === 'false') return lang === 'zh' ? '否' : 'no';
  return value.replace(/\|/g, T[lang].list);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
