import type { Embedder } from '../ports/embedder.js';
import { atWordEdge, matchKey } from '../ports/text-normalize.js';

/**
 * How alike two short labels are: 1 when they name the same kind of thing, else their cosine.
 * `a` is the label the question came nearest to, `b` the candidate; `question`, when given, is the
 * text they were matched against (see `sameHead`).
 */
export type LabelSimilarity = (a: string, b: string, question?: string) => Promise<number>;

/** Text vectors kept for reuse; labels and FAQ questions repeat across questions. */
const MAX_CACHED = 20_000;

/**
 * Compares predicate labels with each other ("书记" vs "党委书记", "译者" vs "翻译"). Labels are
 * embedded as queries, so a Chinese pair is compared by the Chinese model alone. A label that ends
 * the other names its kind ("党委书记" is a "书记", "member price" a "price"), and one that begins
 * the other with a single character more is the same word ("英文名称", "发布者"): both count as the
 * same predicate. So does a candidate that qualifies the asked label ("辖区" → "辖区总面积"), but
 * not an asked label that qualifies the candidate ("品牌口号" is not a "品牌").
 */
export function createLabelSimilarity(embedder: Embedder): LabelSimilarity {
  const cosine = createTextSimilarity(embedder);
  return async (a, b, question) => {
    const ka = matchKey(a);
    const kb = matchKey(b);
    if (!ka || !kb) return 0;
    if (sameWord(ka, kb) || sameWord(kb, ka)) return 1;
    if (question !== undefined && sameHead(ka, kb, matchKey(question))) return 1;
    // The candidate qualifies the asked label ("辖区" → "辖区总面积"): the question asked less
    // precisely than the graph holds, so it is what was asked. The other way round the question
    // asks for more than the candidate says ("品牌口号" is not a "品牌"), however near the vectors.
    if (kb.startsWith(ka) && atWordEdge(kb, 0, ka.length)) return 1;
    if (ka.startsWith(kb)) return 0;
    return cosine(ka, kb);
  };
}

/** Cosine of two short texts embedded as queries; vectors are cached, as the same texts recur. */
export function createTextSimilarity(embedder: Embedder): (a: string, b: string) => Promise<number> {
  const cache = new Map<string, Promise<Float32Array>>();
  const vector = (text: string) => {
    let v = cache.get(text);
    if (!v) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      v = embedder.embedQuery(text);
      cache.set(text, v);
      v.catch(() => cache.delete(text));
    }
    return v;
  };
  return async (a, b) => {
    const [va, vb] = await Promise.all([vector(a), vector(b)]);
    let dot = 0;
    for (let i = 0; i < va.length; i++) dot += va[i]! * vb[i]!;
    return dot;
  };
}

const HAN = /\p{Script=Han}/u;

/**
 * Two labels ending in the same word of at least two characters ("创作者" / "原作者", "总长度" /
 * "湖泊长度") name the same kind of thing, unless the question spells out the first one's own
 * qualifier: "最新固件是哪个版本" asks for "固件版本", not for "蓝牙版本".
 */
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
