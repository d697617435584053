import { describe, expect, it } from 'vitest';
import type { GraphStore, TermHit } from '../src/ports/graph-store.js';
import { choosePredicate } from '../src/qa/choose-predicate.js';
import type { SchemaItemInfo } from '../src/qa/knowledge-index.js';
import type { PredicateMatch } from '../src/qa/map-predicate.js';

// The question uses another entity's label; whether one of the entity's own predicates stands in for
// it. Similarities are given, not computed, so each rule is seen on its own.
const item = (key: string, zh: string): SchemaItemInfo => ({
  id: `schema:attribute:${key}`,
  item: 'attribute',
  key,
  labels: { zh },
});
const translate = item('translate', '翻译');
const translator = item('translator', '译者');
const format = item('format', '开本');
const anc = item('anc', '主动降噪');
const depth = item('anc_depth', '降噪深度');

/** A store whose term search returns fixed hits: `own` for an entity's predicates, `all` otherwise. */
function storeWith(own: [SchemaItemInfo, string, number][], all: [SchemaItemInfo, string, number][]): GraphStore {
  const hit = ([info, text, score]: [SchemaItemInfo, string, number], i: number): TermHit => ({
    id: `t${i}`,
    target: info.id,
    kind: 'attribute',
    text,
    source: 'test',
    score,
  });
  return {
    searchTerms: async (_v: Float32Array, opts: { targets?: string[] }) =>
      (opts.targets ? own.filter(([info]) => opts.targets!.includes(info.id)) : all).map(hit),
  } as unknown as GraphStore;
}

const question = (label: SchemaItemInfo, text: string) => ({
  labels: [{ info: label, text: label.labels.zh!, via: 'label', score: 1 } satisfies PredicateMatch],
  residual: { text, vector: async () => ({ vector: new Float32Array(4), scale: 1 }) },
  unexplained: false,
});

const synonyms = (akin: number) => ({
  min: 0.78,
  match: async (_asked: string, candidates: readonly SchemaItemInfo[]) =>
    candidates.map((info) => ({ info, text: info.labels.zh!, score: akin })),
});

describe('a predicate standing in for a label the entity lacks', () => {
  it('stands in when it is by far the nearest of the entity’s own and its label is akin', async () => {
    const store = storeWith(
      [
        [translator, '译者', 0.65],
        [format, '开本', 0.3],
      ],
      [
        [translate, '翻译', 0.77],
        [translator, '译者', 0.65],
      ],
    );
    const p = await choosePredicate(question(translate, '谁翻译了'), [translator, format], {
      store,
      synonyms: synonyms(0.74),
    });
    expect(p?.info.id).toBe(translator.id);
    expect(p?.score).toBeCloseTo(0.74); // the nearer of the two similarities
  });

  it('does not when two of the entity’s predicates are about as near, or the labels are unrelated', async () => {
    const close = storeWith(
      [
        [translator, '译者', 0.65],
        [format, '开本', 0.55],
      ],
      [[translate, '翻译', 0.77]],
    );
    const q = question(translate, '谁翻译了');
    expect(await choosePredicate(q, [translator, format], { store: close, synonyms: synonyms(0.74) })).toBeUndefined();
    const clear = storeWith([[translator, '译者', 0.65]], [[translate, '翻译', 0.77]]);
    expect(await choosePredicate(q, [translator], { store: clear, synonyms: synonyms(0.4) })).toBeUndefined();
  });

  it('does not when the question asks for more than the predicate says ("降噪深度" of a headset with "降噪")', async () => {
    const store = storeWith(
      [
        [anc, '主动降噪', 0.6],
        [anc, '降噪', 0.62],
      ],
      [[depth, '降噪深度', 0.8]],
    );
    const p = await choosePredicate(question(depth, '的降噪深度是多少分贝'), [anc], {
      store,
      synonyms: synonyms(0.76),
    });
    expect(p).toBeUndefined();
  });
});
