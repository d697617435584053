import type { Embedder } from '../ports/embedder.js';
import type { GraphStore, TermKind } from '../ports/graph-store.js';
import { atWordEdge, matchKey } from '../ports/text-normalize.js';
import type { SchemaItemInfo } from './knowledge-index.js';
import { OWN_TERMS, queryVector, searchTerms } from './semantic-search.js';

/**
 * How well each candidate predicate's labels match one label: per candidate, its best label and
 * score — 1 or 0 when `labelRule` decides, else the cosine of the two labels. `asked` is the label
 * the question used or came nearest to; `question`, when given, is the text it was matched against.
 */
export type LabelMatcher = (
  asked: string,
  candidates: readonly SchemaItemInfo[],
  question?: string,
) => Promise<{ info: SchemaItemInfo; text: string; score: number }[]>;

const KINDS: TermKind[] = ['attribute', 'relation'];

/**
 * Scores the candidates' stored label vectors against the asked label, exactly (a handful of
 * predicates, not an index search), so a big schema costs one embedding per asked label.
 */
export function createLabelMatcher(store: GraphStore, embedder: Embedder): LabelMatcher {
  return async (asked, candidates, question) => {
    if (candidates.length === 0) return [];
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const hits = await searchTerms(store, await queryVector(embedder, asked), {
      k: OWN_TERMS,
      kinds: KINDS,
      targets: [...byId.keys()],
    });
    const best = new Map<string, { info: SchemaItemInfo; text: string; score: number }>();
    for (const h of hits) {
      const info = byId.get(h.target);
      if (!info) continue;
      const score = labelRule(asked, h.text, question) ?? h.score;
      const prev = best.get(h.target);
      if (!prev || score > prev.score) best.set(h.target, { info, text: h.text, score });
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  };
}

/**
 * What the words alone say about two predicate labels: 1 when they name the same kind of thing, 0
 * when they cannot, undefined when only their meaning can tell. `a` is the label the question used
 * or came nearest to, `b` the candidate.
 * - One label ending the other names its kind ("党委书记" is a "书记", "member price" a "price"); one
 *   beginning the other with a single Chinese character more is the same word ("英文名称", "发布者").
 * - A candidate qualifying the asked label ("辖区" → "辖区总面积"): the question asked less precisely
 *   than the graph holds, so it is what was asked. The other way round the question asks for more
 *   than the candidate says ("品牌口号" is not a "品牌"), however near their vectors are.
 * - Two labels ending in the same word ("创作者" / "原作者") name the same kind of thing unless the
 *   question spells out the asked one's qualifier ("最新固件是哪个版本" is not about "蓝牙版本").
 */
export function labelRule(a: string, b: string, question?: string): 1 | 0 | undefined {
  const ka = matchKey(a);
  const kb = matchKey(b);
  if (!ka || !kb) return 0;
  if (sameWord(ka, kb) || sameWord(kb, ka)) return 1;
  if (question !== undefined && sameHead(ka, kb, matchKey(question))) return 1;
  if (kb.startsWith(ka) && atWordEdge(kb, 0, ka.length)) return 1;
  if (ka.startsWith(kb)) return 0;
  return undefined;
}

/** Cosine of two short texts embedded as queries (give it a caching embedder: the same texts recur). */
export function createTextSimilarity(embedder: Embedder): (a: string, b: string) => Promise<number> {
  return async (a, b) => {
    const [va, vb] = await Promise.all([embedder.embedQuery(a), embedder.embedQuery(b)]);
    let dot = 0;
    for (let i = 0; i < va.length; i++) dot += va[i]! * vb[i]!;
    return dot;
  };
}

const HAN = /\p{Script=Han}/u;

function sameHead(a: string, b: string, question: string): boolean {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  if (n < 2 || !atWordEdge(a, a.length - n, a.length) || !atWordEdge(b, b.length - n, b.length)) return false;
  const qualifier = a.slice(0, a.length - n).trim();
  return qualifier.length > 0 && !question.includes(qualifier);
}

/** `inner` names `outer`'s kind (its ending) or is `outer` less one trailing Chinese character. */
function sameWord(outer: string, inner: string): boolean {
  if (inner === outer) return true;
  if (inner.length < 2 || inner.length >= outer.length) return false;
  const at = outer.length - inner.length;
  if (outer.endsWith(inner) && atWordEdge(outer, at, outer.length)) return true;
  return at === 1 && outer.startsWith(inner) && HAN.test(outer.at(-1)!);
}

/**
 * Whether `next` is a sibling of `last` — the same head word under another qualifier ("3-year rate"
 * / "1-year rate", "三年期利率" / "一年期利率") — and the question names `next`'s qualifier: a
 * follow-up that only changes the qualifier ("And for 3 years?", "那三年期的呢？") asks for it.
 */
export function namesSiblingQualifier(last: SchemaItemInfo, next: SchemaItemInfo, question: string): boolean {
  const q = matchKey(question);
  for (const [lang, label] of Object.entries(next.labels)) {
    const other = last.labels[lang];
    if (!label || !other) continue;
    const a = matchKey(label);
    const head = sharedHead(a, matchKey(other));
    if (!head) continue;
    const qualifier = a.slice(0, a.length - head).replace(/[^\p{L}\p{N}]+$/u, '');
    const at = qualifier ? q.indexOf(qualifier) : -1;
    if (at >= 0 && atWordEdge(q, at, at + qualifier.length)) return true;
  }
  return false;
}

/** The length of the ending two different labels share, cut back to word edges in both; 0 if under 2. */
function sharedHead(a: string, b: string): number {
  if (a === b) return 0;
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  for (; n >= 2; n--) {
    if (n < a.length && n < b.length && atWordEdge(a, a.length - n, a.length) && atWordEdge(b, b.length - n, b.length))
      return n;
  }
  return 0;
}
