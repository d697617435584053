import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore } from '../ports/graph-store.js';

export interface EntityQuery {
  q?: string;
  type?: string;
  offset: number;
  limit: number;
}

/** Terms per entity (name and aliases) is small; this many terms per wanted entity survive dedupe. */
const TERMS_PER_ENTITY = 4;
/** A type filter discards other types' terms after the search, so look further. */
const TERMS_PER_TYPED_ENTITY = 12;
const MAX_TERMS = 5_000;

/**
 * Entities by name: exact name/alias matches first (what a user typing a product name expects on
 * top), then the nearest entity terms by embedding, each entity once. Without `q`, a page of all
 * entities in id order.
 */
export async function searchEntities(
  deps: { store: GraphStore; embedder: Embedder },
  query: EntityQuery,
): Promise<GraphNode[]> {
  const { store, embedder } = deps;
  const { type, offset, limit } = query;
  const q = query.q?.trim();
  if (!q) return store.listNodes({ kind: 'entity', type, offset, limit });

  const wanted = offset + limit;
  const exact = await store.findByName(q, { kind: 'entity', type, limit: wanted });
  const found = new Map(exact.map((n) => [n.id, n]));
  if (found.size < wanted) {
    const k = Math.min(MAX_TERMS, wanted * (type ? TERMS_PER_TYPED_ENTITY : TERMS_PER_ENTITY));
    const hits = await store.searchTerms(await embedder.embedQuery(q), { k, kinds: ['entity'] });
    // A similarity of zero or less means nothing in common, not a weak match.
    const ids = [...new Set(hits.filter((h) => h.score > 0).map((h) => h.target))].filter((id) => !found.has(id));
    const byId = new Map((await store.getNodes(ids)).map((n) => [n.id, n]));
    for (const id of ids) {
      const node = byId.get(id);
      if (node && (!type || node.type === type)) found.set(id, node);
      if (found.size >= wanted) break;
    }
  }
  return [...found.values()].slice(offset, wanted);
}
