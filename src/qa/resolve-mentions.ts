import type { GraphNode } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import type { EntityMention } from './link-entities.js';

/** Schema ids of the attributes and relations an entity has. */
export type OwnPredicates = (entity: GraphNode) => Promise<ReadonlySet<string>>;

/**
 * Names that are also the label of something another named entity has ("张长志的导师是谁" where
 * "导师" is an entity too), or that sit inside a longer label in the question ("开发" in
 * "…的开发商是谁"): read as the label, not as a second entity.
 */
export async function dropLabelMentions(
  question: string,
  mentions: EntityMention[],
  index: KnowledgeIndex,
  owns: OwnPredicates,
): Promise<EntityMention[]> {
  if (mentions.length < 2) return mentions;
  const labels = index.predicates.find(question);
  const out: EntityMention[] = [];
  for (const m of mentions) {
    const insideLabel = labels.some((l) => l.start <= m.start && m.end <= l.end && l.end - l.start > m.end - m.start);
    if (insideLabel && mentions.some((o) => o !== m && !inside(o, m))) continue;
    const labelOf = index.predicates.lookup(m.text);
    if (labelOf.length && (await ownedByAnother(m, mentions, labelOf, owns))) continue;
    out.push(m);
  }
  return out;
}

const inside = (a: EntityMention, b: EntityMention) => b.start <= a.start && a.end <= b.end;

async function ownedByAnother(m: EntityMention, all: EntityMention[], ids: string[], owns: OwnPredicates) {
  for (const other of all) {
    if (other === m || other.candidates.length !== 1) continue;
    const own = await owns(other.candidates[0]!);
    if (ids.some((id) => own.has(id))) return true;
  }
  return false;
}

/**
 * A name shared by several entities, resolved by what the question asks: when exactly one of them
 * has the attribute or relation it asks for ("《笑傲江湖》的编剧" — only the TV series has one).
 */
export async function resolveByPredicate(
  m: EntityMention,
  answers: (candidate: GraphNode) => Promise<boolean>,
): Promise<GraphNode | undefined> {
  const having: GraphNode[] = [];
  for (const c of m.candidates) if (await answers(c)) having.push(c);
  return having.length === 1 ? having[0] : undefined;
}

const HAN_PAIR = /^\p{Script=Han}{2}$/u;

/**
 * A shared stretch of several names, resolved by the question's other words: the one candidate
 * whose names hold words the question also uses ("How long does it take to renew an ID card?":
 * "ID card renewal", not "ID card replacement"; "身份证换领" over "身份证补领"). English words count
 * by their first five letters (renew/renewal, replaces/replacement), Chinese by character pairs.
 */
export function resolveByWords(m: EntityMention, question: string): GraphNode | undefined {
  const key = matchKey(question);
  const outside = `${key.slice(0, m.start)} ${key.slice(m.end)}`;
  const inMention = matchKey(m.text);
  const cues = (node: GraphNode) => {
    const found = new Set<string>();
    for (const name of [node.name, ...node.aliases]) {
      const k = matchKey(name);
      for (const w of k.match(/[a-z]{4,}/g) ?? []) {
        const stem = w.slice(0, 5);
        if (!inMention.includes(w) && new RegExp(`(^|[^a-z])${stem}`).test(outside)) found.add(stem);
      }
      for (let i = 0; i + 2 <= k.length; i++) {
        const pair = k.slice(i, i + 2);
        if (HAN_PAIR.test(pair) && !inMention.includes(pair) && outside.includes(pair)) found.add(pair);
      }
    }
    return found.size;
  };
  const scored = m.candidates.map((c) => ({ c, n: cues(c) })).sort((a, b) => b.n - a.n);
  const [first, second] = scored;
  return first && first.n > 0 && first.n > (second?.n ?? 0) ? first.c : undefined;
}
