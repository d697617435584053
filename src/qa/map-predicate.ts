import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore, TermKind } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { STRUCTURAL } from './graph-context.js';
import { isStructural, type KnowledgeIndex, type SchemaItemInfo } from './knowledge-index.js';
import type { LabelMatcher } from './label-similarity.js';
import { labelModifiesNext, labelQualifiedBefore } from './residual-content.js';
import { OWN_TERMS, type QueryVector, queryVector, searchTerms } from './semantic-search.js';

export interface PredicateMatch {
  info: SchemaItemInfo;
  text: string;
  /** A label in the question, an own label naming the same as another predicate's label, or meaning. */
  via: 'label' | 'synonym' | 'vector';
  score: number;
  /** By meaning: how far it stands above the entity's next nearest predicate (1 when it has no other). */
  lead?: number;
  /** By meaning: that next nearest predicate. */
  runnerUp?: SchemaItemInfo;
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
  const key = matchKey(question);
  const found = index.predicates.find(question);
  // A word already accounted for: part of an entity name or of another label.
  const taken = (at: number) => [...entitySpans, ...found].some((s) => s.start <= at && at < s.end);
  for (const m of found) {
    if (entitySpans.some((s) => m.start < s.end && s.start < m.end)) continue;
    if (labelModifiesNext(key, m.name, m.end, m.start)) continue;
    if (labelQualifiedBefore(key, m.name, m.start, taken, index.vocabulary)) continue;
    for (const id of m.ids) {
      const info = index.schema.get(id);
      if (info) out.push({ info, text: m.name, via: 'label', score: 1 });
    }
  }
  return out.sort((a, b) => b.text.length - a.text.length);
}

/** The question without the entity names, with its query vector made once, on first use. */
export interface Residual {
  text: string;
  vector(): Promise<QueryVector>;
}

export function residualOf(
  question: string,
  spans: readonly { start: number; end: number }[],
  embedder: Embedder,
): Residual {
  const text = residual(question, spans);
  let vector: Promise<QueryVector> | undefined;
  return { text, vector: () => (vector ??= queryVector(embedder, text)) };
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
/** Labels nearest the question looked at for one the entity has under another name. */
const NEAREST = 5;

export interface SynonymCheck {
  match: LabelMatcher;
  /** Label-to-label similarity from which two predicates count as the same (see thresholds.ts). */
  min: number;
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
  const best = new Map<string, PredicateMatch>();
  for (const a of asked) {
    for (const m of await check.match(a, own)) {
      const prev = best.get(m.info.id);
      if (m.score >= check.min && (!prev || m.score > prev.score)) best.set(m.info.id, { ...m, via: 'synonym' });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/**
 * Ranks an entity's predicates by how close the question's residual is, in meaning, to each
 * predicate's labels and synonyms. Returns best first with its cosine similarity.
 */
export async function mapPredicatesByMeaning(
  rest: Residual,
  candidates: SchemaItemInfo[],
  store: GraphStore,
  /**
   * Return nothing when the labels nearest the question belong to predicates outside
   * `candidates`, unless one of them names the same as a candidate's label.
   */
  strict?: SynonymCheck,
): Promise<PredicateMatch[]> {
  if (!rest.text || candidates.length === 0) return [];
  const wanted = new Map(candidates.map((c) => [c.id, c]));
  const q = await rest.vector();
  const kinds: TermKind[] = ['attribute', 'relation'];
  const ownHits = await searchTerms(store, q, { k: OWN_TERMS, kinds, targets: [...wanted.keys()] });
  const best = new Map<string, PredicateMatch>();
  for (const h of ownHits) {
    const info = wanted.get(h.target);
    const prev = best.get(h.target);
    if (info && (!prev || h.score > prev.score))
      best.set(h.target, { info, text: h.text, via: 'vector', score: h.score });
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  if (ranked[0]) {
    ranked[0].lead = ranked[1] ? ranked[0].score - ranked[1].score : 1;
    ranked[0].runnerUp = ranked[1]?.info;
  }
  if (!strict || ranked.length === 0) return ranked;

  // If the labels nearest the question belong to predicates this entity lacks, the question asks
  // for something the graph does not hold about it: no stand-in. Unless the entity holds the same
  // thing under another name ("有多长" is nearest "长度"; the lake has "湖泊长度"): then that
  // predicate, as near as the label the question found.
  const nearest = (await searchTerms(store, q, { k: NEAREST, kinds }))
    .filter((h) => !isStructural(h.target))
    .filter((h, _, all) => h.score >= all[0]!.score - MISSING_MARGIN);
  const top = nearest[0];
  if (!top || wanted.has(top.target) || top.score - ranked[0]!.score <= MISSING_MARGIN) return ranked;
  for (const h of nearest) {
    if (wanted.has(h.target)) return ranked;
    const [same] = await strict.match(
      h.text,
      ranked.map((r) => r.info),
      rest.text,
    );
    if (same && same.score >= strict.min) {
      const own = ranked.find((r) => r.info.id === same.info.id)!;
      return [{ ...own, text: same.text, score: top.score }, ...ranked.filter((r) => r !== own)];
    }
  }
  return [];
}
