import type { Embedder } from '../ports/embedder.js';
import type { GraphStore } from '../ports/graph-store.js';
import { type EntityQuery, searchEntities } from './entity-search.js';
import { searchFaqs } from './faq-search.js';
import { neighbourhood, nodeDetails } from './node-details.js';
import { readSchema } from './schema-catalog.js';

/** Read access to the graph for browsing: entities, nodes, neighbourhoods, FAQs, the schema. */
export function createCatalog(deps: { store: GraphStore; embedder: Embedder }) {
  const { store } = deps;
  return {
    searchEntities: (query: EntityQuery) => searchEntities(deps, query),
    nodeDetails: (id: string) => nodeDetails(store, id),
    neighbourhood: (id: string, depth: number, limit: number) => neighbourhood(store, id, depth, limit),
    searchFaqs: (query: { q?: string; offset: number; limit: number }) => searchFaqs(deps, query),
    schema: () => readSchema(store),
    sources: () => store.listSources(),
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
