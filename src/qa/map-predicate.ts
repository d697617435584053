import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { STRUCTURAL } from './graph-context.js';
import type { KnowledgeIndex, SchemaItemInfo } from './knowledge-index.js';
import type { LabelSimilarity } from './label-similarity.js';
import { queryVector, searchTerms } from './semantic-search.js';

export interface PredicateMatch {
  info: SchemaItemInfo;
  text: string;
  /** A label in the question, an own label naming the same as another predicate's label, or meaning. */
  via: 'label' | 'synonym' | 'vector';
  score: number;
}

/**
 * Attribute and relation labels, synonyms and raw names found in the question outside the
 * entity names. Longest phrase first.
 */
export function mapPredicatesLexically(
  question: string,
  index: KnowledgeIndex,
  entitySpans: readonly { start: number; end: number }[],
): PredicateMatch[] {
  const out: PredicateMatch[] = [];
  for (const m of index.predicates.find(question)) {
    if (entitySpans.some((s) => m.start < s.end && s.start < m.end)) continue;
    for (const id of m.ids) {
      const info = index.schema.get(id);
      if (info) out.push({ info, text: m.name, via: 'label', score: 1 });
    }
  }
  return out.sort((a, b) => b.text.length - a.text.length);
}

/** The question with the entity names cut out: what it asks *about* them. */
export function residual(question: string, spans: readonly { start: number; end: number }[]): string {
  const key = matchKey(question);
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += `${key.slice(at, s.start)} `;
    at = Math.max(at, s.end);
  }
  return (out + key.slice(at)).replace(/\s+/g, ' ').trim();
}

/** Attribute keys and relation types an entity actually has: the only predicates worth mapping to. */
export async function predicatesOf(
  store: GraphStore,
  entity: GraphNode,
  index: KnowledgeIndex,
): Promise<SchemaItemInfo[]> {
  const out = new Map<string, SchemaItemInfo>();
  for (const key of Object.keys(entity.attributes)) {
    const info = index.schema.get(`schema:attribute:${key}`);
    if (info) out.set(info.id, info);
  }
  for (const r of await store.relationships(entity.id)) {
    if (STRUCTURAL.has(r.type)) continue;
    const info = index.schema.get(`schema:relation:${r.type}`);
    if (info) out.set(info.id, info);
  }
  return [...out.values()];
}

/** How much nearer a predicate the entity lacks must be before the question counts as asking for it. */
const MISSING_MARGIN = 0.05;

export interface SynonymCheck {
  similarity: LabelSimilarity;
  /** Label-to-label similarity from which two predicates count as the same (see thresholds.ts). */
  min: number;
  /** Label and synonym texts of each predicate. */
  texts: (id: string) => readonly string[];
}

/**
 * An entity's own predicates that name what another predicate's label names: a large schema
 * holds near-duplicates ("书记" / "党委书记", "英文名" / "英文名称"), and a question that uses
 * one of them asks for the one this entity has. Best first, scored by label similarity.
 */
export async function ownSynonyms(
  asked: readonly string[],
  own: readonly SchemaItemInfo[],
  check: SynonymCheck,
): Promise<PredicateMatch[]> {
  const out: PredicateMatch[] = [];
  for (const info of own) {
    let best: PredicateMatch | undefined;
    for (const text of check.texts(info.id)) {
      for (const a of asked) {
        const score = await check.similarity(a, text);
        if (score >= check.min && (!best || score > best.score)) best = { info, text, via: 'synonym', score };
      }
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * Ranks an entity's predicates by how close the question's residual is, in meaning, to each
 * predicate's labels and synonyms. Returns best first with its cosine similarity.
 */
export async function mapPredicatesByMeaning(
  residualText: string,
  candidates: SchemaItemInfo[],
  store: GraphStore,
  embedder: Embedder,
  /**
   * Return nothing when the nearest label of all belongs to a predicate outside `candidates`,
   * unless that label names the same as the entity's best one.
   */
  strict?: SynonymCheck,
): Promise<PredicateMatch[]> {
  if (!residualText || candidates.length === 0) return [];
  const wanted = new Map(candidates.map((c) => [c.id, c]));
  const hits = await searchTerms(store, await queryVector(embedder, residualText), {
    k: 300,
    kinds: ['attribute', 'relation'],
  });
  // If the nearest label of all belongs to a predicate this entity lacks, the question asks for
  // something the graph does not hold about it: no stand-in.
  const top = hits[0];
  if (strict && top && !wanted.has(top.target)) {
    const ownBest = hits.find((h) => wanted.has(h.target));
    if (!ownBest) return [];
    if (top.score - ownBest.score > MISSING_MARGIN && (await strict.similarity(top.text, ownBest.text)) < strict.min) {
      return [];
    }
  }
  const best = new Map<string, PredicateMatch>();
  for (const h of hits) {
    const info = wanted.get(h.target);
    if (!info) continue;
    const prev = best.get(h.target);
    if (!prev || h.score > prev.score) best.set(h.target, { info, text: h.text, via: 'vector', score: h.score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
