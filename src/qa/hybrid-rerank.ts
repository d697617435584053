import type { TermHit } from '../ports/graph-store.js';
import type { KnowledgeIndex } from './knowledge-index.js';

/** How much lexical overlap adds to cosine similarity; one value for every pack and language. */
export const OVERLAP_WEIGHT = 0.25;

/**
 * Re-scores embedding hits with lexical overlap and keeps the best hit per target (an FAQ is as
 * good as its best-matching question or alternate).
 */
export function rerank(hits: TermHit[], question: string, index: KnowledgeIndex): TermHit[] {
  const best = new Map<string, TermHit>();
  for (const h of hits) {
    const text = index.termText.get(h.id) ?? h.text;
    const score = h.score + OVERLAP_WEIGHT * index.overlap(question, text);
    const prev = best.get(h.target);
    if (!prev || score > prev.score) best.set(h.target, { ...h, score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
