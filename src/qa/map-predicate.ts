import type { KnowledgeIndex, SchemaItemInfo } from './knowledge-index.js';

export interface PredicateMatch {
  info: SchemaItemInfo;
  text: string;
  via: 'label' | 'vector';
  score: number;
}

/**
 * Finds which attribute or relation a question asks for, from schema labels, synonyms and raw
 * names found in the question outside the entity names. Longest phrase wins.
 */
export function mapPredicates(
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
