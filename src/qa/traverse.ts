import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import type { PredicateMatch } from './map-predicate.js';
import type { Fact } from './types.js';

export interface GraphAnswer {
  entity: GraphNode;
  predicate: PredicateMatch;
  facts: Fact[];
  /** Nodes on the other end, for relation answers. */
  related: GraphNode[];
  /** The facts point at the entity: the related nodes are their subjects ("ward PART_OF town" asked of the town). */
  incoming?: boolean;
}

/**
 * Reads what the graph says about `entity` for the predicate: an attribute value or related nodes.
 * A relation is read from the entity's own facts; when it has none, unless `direction` is 'out',
 * from the facts that point at it.
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
    const all = await store.relationships(entity.id, { type: key, direction });
    // Which end the question stands at, its words seldom tell: "临江市公安局负责哪些事项" and "Which
    // wards are in Kestwick?" ask by the relation of what points at the entity. So when the entity has
    // no fact of its own, the facts pointing at it answer, said with their real subjects ("North Ward
    // and South Ward — part of: Kestwick."): what the graph holds, true whichever way it was asked, where
    // dropping them would leave those questions unanswered. Its own facts, when it has any, are what the
    // label asks; adding the others made false mixes ("金卡的可升级为：普卡、白金卡", 普卡 upgrading to 金卡).
    const own = all.filter((r) => r.from === entity.id);
    const rels = own.length ? own : all;
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
    return { entity, predicate, facts, related, incoming: own.length === 0 };
  }
  return undefined;
}
