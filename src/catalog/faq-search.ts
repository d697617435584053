import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore } from '../ports/graph-store.js';

export interface FaqHit {
  faq: GraphNode;
  /** Similarity of the closest question or alternate; absent when listing. */
  score?: number;
}

/** A FAQ has its question plus a few alternates as terms. */
const TERMS_PER_FAQ = 4;
const MAX_TERMS = 5_000;

/** FAQs in id order, or with `q` the FAQs whose question or alternates are nearest in meaning. */
export async function searchFaqs(
  deps: { store: GraphStore; embedder: Embedder },
  query: { q?: string; offset: number; limit: number },
): Promise<FaqHit[]> {
  const { store, embedder } = deps;
  const { offset, limit } = query;
  const q = query.q?.trim();
  if (!q) return (await store.listNodes({ kind: 'faq', offset, limit })).map((faq) => ({ faq }));

  const wanted = offset + limit;
  const hits = await store.searchTerms(await embedder.embedQuery(q), {
    k: Math.min(MAX_TERMS, wanted * TERMS_PER_FAQ),
    kinds: ['faq'],
  });
  // Hits arrive best first, so the first hit of a FAQ carries its best score.
  const best = new Map<string, number>();
  // A similarity of zero or less means nothing in common, not a weak match.
  for (const h of hits) if (h.score > 0 && !best.has(h.target)) best.set(h.target, h.score);
  const page = [...best.keys()].slice(offset, wanted);
  const byId = new Map((await store.getNodes(page)).map((n) => [n.id, n]));
  return page.flatMap((id) => {
    const faq = byId.get(id);
    return faq ? [{ faq, score: best.get(id)! }] : [];
  });
}
