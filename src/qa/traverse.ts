import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import type { PredicateMatch } from './map-predicate.js';
import type { Fact } from './types.js';

export interface GraphAnswer {
  entity: GraphNode;
  predicate: PredicateMatch;
  facts: Fact[];
  /** Nodes on the other end, for relation answers. */
  related: GraphNode[];
}

/**
 * Reads what the graph says about `entity` for the predicate: an attribute value or related nodes.
 * A relation is read both ways unless `direction` is 'out' (only the entity's own facts).
 */
export async function traverse(
  entity: GraphNode,
  predicate: PredicateMatch,
  store: GraphStore,
  direction?: 'out',
): Promise<GraphAnswer | undefined> {
  const { key, item } = predicate.info;
  if (item === 'attribute') {
    const value = entity.attributes[key];
    if (!value) return undefined;
    return {
      entity,
      predicate,
      related: [],
      facts: [
        {
          subject: entity.id,
          subjectName: entity.name,
          predicate: key,
          object: String(value.value),
          source: value.source,
          location: value.location,
        },
      ],
    };
  }
  if (item === 'relation') {
    const rels = await store.relationships(entity.id, { type: key, direction });
    if (rels.length === 0) return undefined;
    const otherIds = rels.map((r) => (r.from === entity.id ? r.to : r.from));
    const related = await store.getNodes([...new Set(otherIds)]);
    const byId = new Map(related.map((n) => [n.id, n]));
    const facts = rels.map((r) => ({
      subject: r.from,
      subjectName: r.from === entity.id ? entity.name : (byId.get(r.from)?.name ?? r.from),
      predicate: key,
      object: r.to === entity.id ? entity.name : (byId.get(r.to)?.name ?? r.to),
      source: r.source,
      location: r.location,
    }));
    return { entity, predicate, facts, related };
  }
  return undefined;
}
