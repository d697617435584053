import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../src/ports/graph-store.js';
import { matchKey } from '../src/ports/text-normalize.js';
import type { KnowledgeIndex, SchemaItemInfo } from '../src/qa/knowledge-index.js';
import { type LabelMatcher, labelRule } from '../src/qa/label-similarity.js';
import type { EntityMention } from '../src/qa/link-entities.js';
import { ownSynonyms } from '../src/qa/map-predicate.js';
import { dropLabelMentions, resolveByPredicate, resolveByWords } from '../src/qa/resolve-mentions.js';
import { createNameMatcher } from '../src/text/name-matcher.js';

describe('label rule', () => {
  it('counts a label ending another as its kind, in either order', () => {
    expect(labelRule('书记', '党委书记')).toBe(1);
    expect(labelRule('党委书记', '书记')).toBe(1);
    expect(labelRule('price', 'member price')).toBe(1);
  });
  it('counts one trailing Chinese character as the same word', () => {
    expect(labelRule('英文名', '英文名称')).toBe(1);
    expect(labelRule('发布', '发布者')).toBe(1);
  });
  it('counts two labels with the same head word as one, unless the question names the qualifier', () => {
    expect(labelRule('创作者', '原作者', '是谁写的')).toBe(1);
    expect(labelRule('总长度', '湖泊长度', '有多长')).toBe(1);
    expect(labelRule('固件版本', '蓝牙版本', '最新固件是哪个版本')).toBeUndefined();
    // Without the question there is no telling.
    expect(labelRule('创作者', '原作者')).toBeUndefined();
  });
  it('counts a candidate qualifying the asked label, not an asked label qualifying the candidate', () => {
    expect(labelRule('辖区', '辖区总面积')).toBe(1);
    expect(labelRule('battery', 'battery capacity')).toBe(1);
    expect(labelRule('品牌口号', '品牌')).toBe(0);
    expect(labelRule('battery capacity', 'battery')).toBe(0);
    // Inside a Latin word is not a word of it.
    expect(labelRule('age', 'storage')).toBeUndefined();
  });
});

const info = (key: string, zh: string): SchemaItemInfo => ({
  id: `schema:attribute:${key}`,
  item: 'attribute',
  key,
  labels: { zh },
});

describe('own synonyms', () => {
  it('maps a label of other entities to the entity’s near-identical one, and nothing else', async () => {
    const own = [info('secretary', '党委书记'), info('founded', '成立时间')];
    // Label rule decides, else a stand-in cosine: the share of the asked label's characters in the candidate.
    const match: LabelMatcher = async (asked, candidates) =>
      candidates.map((c) => {
        const text = c.labels.zh ?? '';
        const share = [...asked].filter((ch) => text.includes(ch)).length / asked.length;
        return { info: c, text, score: labelRule(asked, text) ?? share * 0.5 };
      });
    const found = await ownSynonyms(['书记'], own, { match, min: 0.78 });
    expect(found.map((p) => [p.info.key, p.via])).toEqual([['secretary', 'synonym']]);
    expect(await ownSynonyms(['口号'], own, { match, min: 0.78 })).toEqual([]);
  });
});

const node = (id: string, attributes: string[] = []): GraphNode =>
  ({
    id,
    kind: 'entity',
    type: 'thing',
    name: id,
    aliases: [],
    text: '',
    attributes: Object.fromEntries(attributes.map((a) => [a, { value: 'v', source: 's', location: '' }])),
  }) as unknown as GraphNode;

const mention = (text: string, candidates: GraphNode[], start = 0): EntityMention => ({
  text,
  candidates,
  start,
  end: start + text.length,
  via: 'name',
  score: 1,
});

const owns = async (n: GraphNode) => new Set(Object.keys(n.attributes).map((k) => `schema:attribute:${k}`));

describe('mention resolution', () => {
  it('reads a name that is also a label of another named entity as the label', async () => {
    const index = {
      predicates: createNameMatcher([{ text: '导师', id: 'schema:attribute:mentor' }]),
    } as unknown as KnowledgeIndex;
    const person = mention('张长志', [node('张长志', ['mentor'])]);
    const alsoEntity = mention('导师', [node('导师')]);
    expect(await dropLabelMentions('张长志的导师是谁', [person, alsoEntity], index, owns)).toEqual([person]);
    // Alone, or when no other named entity has it, the name stays an entity.
    expect(
      await dropLabelMentions('张长志的导师是谁', [mention('张长志', [node('张长志')]), alsoEntity], index, owns),
    ).toHaveLength(2);
  });

  it('reads a name inside a longer label of the question as part of the label', async () => {
    const index = {
      predicates: createNameMatcher([{ text: '开发商', id: 'schema:attribute:developer' }]),
    } as unknown as KnowledgeIndex;
    const game = mention('西游释厄传', [node('西游释厄传')], 2);
    const part = mention('开发', [node('开发')], 8);
    expect(await dropLabelMentions('谁是西游释厄传的开发商', [game, part], index, owns)).toEqual([game]);
  });

  it('resolves a shared name when only one of its entities has what is asked', async () => {
    const series = node('《笑傲江湖》-tv', ['screenwriter']);
    const novel = node('笑傲江湖-novel', ['author']);
    const hasScreenwriter = async (n: GraphNode) => (await owns(n)).has('schema:attribute:screenwriter');
    expect((await resolveByPredicate(mention('笑傲江湖', [series, novel]), hasScreenwriter))?.id).toBe(series.id);
    const both = node('笑傲江湖-film', ['screenwriter']);
    expect(await resolveByPredicate(mention('笑傲江湖', [series, both]), hasScreenwriter)).toBeUndefined();
  });

  it('resolves a shared stretch of names by the question’s other words', () => {
    const named = (id: string, ...aliases: string[]) => ({ ...node(id), aliases }) as GraphNode;
    const renewal = named('身份证换领', 'ID card renewal');
    const replacement = named('身份证补领', 'ID card replacement');
    const at = (question: string, text: string) => {
      const start = matchKey(question).indexOf(matchKey(text));
      return { ...mention(text, [renewal, replacement]), start, end: start + matchKey(text).length };
    };
    const en = 'How long does it take to renew an ID card?';
    expect(resolveByWords(at(en, 'id card'), en)?.id).toBe('身份证换领');
    const zh = '身份证丢了补领要多久？';
    expect(resolveByWords(at(zh, '身份证'), zh)?.id).toBe('身份证补领');
    const neither = 'What does an ID card cost?';
    expect(resolveByWords(at(neither, 'id card'), neither)).toBeUndefined();
  });
});
