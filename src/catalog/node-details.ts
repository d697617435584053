import type { GraphNode, GraphRelationship, GraphStore, Neighbourhood } from '../ports/graph-store.js';

export interface NodeDetails {
  node: GraphNode;
  relationships: GraphRelationship[];
  /** The nodes at the other end of `relationships`, each once, in the order first met. */
  neighbours: GraphNode[];
}

/** One node of any kind with its relationships and their other ends; undefined when the id is unknown. */
export async function nodeDetails(store: GraphStore, id: string): Promise<NodeDetails | undefined> {
  const node = await store.getNode(id);
  if (!node) return undefined;
  const relationships = await store.relationships(id, { direction: 'both' });
  const otherIds = [...new Set(relationships.map((r) => (r.from === id ? r.to : r.from)))];
  const byId = new Map((await store.getNodes(otherIds)).map((n) => [n.id, n]));
  const neighbours = otherIds.map((o) => byId.get(o)).filter((n): n is GraphNode => n !== undefined);
  return { node, relationships, neighbours };
}

/** Nodes within `depth` hops of `id`; undefined when the id is unknown (an empty graph is not a 404). */
export async function neighbourhood(
  store: GraphStore,
  id: string,
  depth: number,
  limit: number,
): Promise<Neighbourhood | undefined> {
  if (!(await store.getNode(id))) return undefined;
  return store.neighbourhood(id, depth, limit);
}
