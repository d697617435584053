import type { Embedder } from '../ports/embedder.js';
import type { GraphStore, TermHit, TermKind } from '../ports/graph-store.js';

export interface QueryVector {
  vector: Float32Array;
  /** How the embedder scales similarities for this text (see Embedder.similarityScale). */
  scale: number;
}

/** Enough to score every label and synonym of one entity's predicates (`searchTerms` with `targets`). */
export const OWN_TERMS = 1000;

export async function queryVector(embedder: Embedder, text: string): Promise<QueryVector> {
  return { vector: await embedder.embedQuery(text), scale: embedder.similarityScale?.(text) ?? 1 };
}

/** Nearest terms with scores on the cosine scale every calibration in `thresholds.ts` assumes. */
export async function searchTerms(
  store: GraphStore,
  q: QueryVector,
  opts: { k: number; kinds?: TermKind[]; targets?: string[] },
): Promise<TermHit[]> {
  const hits = await store.searchTerms(q.vector, opts);
  return q.scale === 1 ? hits : hits.map((h) => ({ ...h, score: h.score / q.scale }));
}
