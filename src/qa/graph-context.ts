import type { GraphNode, GraphRelationship, GraphStore } from '../ports/graph-store.js';

/**
 * Relationship types the ingest adds between texts and entities (a section of a document, a text
 * naming an entity, an FAQ about one, a policy applying to one); they are not facts about an entity,
 * even when a pack labels them. Policies reach a question through their sections instead.
 */
export const STRUCTURAL = new Set(['HAS_SECTION', 'MENTIONS', 'ABOUT', 'APPLIES_TO']);

export interface EntityContext {
  entity: GraphNode;
  /** Nodes the entity reaches by following its own facts outward (its category, the category's parent, its brand). */
  ancestors: { node: GraphNode; via: GraphRelationship[] }[];
  /** Documents that apply to the entity or one of its ancestors, with the path that reached them. */
  documents: { id: string; via: GraphRelationship[] }[];
  /** Sections that mention the entity or one of its ancestors, with the path. */
  sections: { id: string; via: GraphRelationship[] }[];
  /** FAQs about or mentioning the entity. */
  faqs: string[];
}

/**
 * What the graph connects to an entity: the multi-hop neighbourhood that decides which policies and
 * FAQs speak about it (product → category → parent category ← policy APPLIES_TO).
 */
export async function entityContext(store: GraphStore, entity: GraphNode, depth = 3): Promise<EntityContext> {
  const ancestors = await ancestorsOf(store, entity, depth);
  const documents: EntityContext['documents'] = [];
  const sections: EntityContext['sections'] = [];
  const faqs = new Set<string>();
  for (const target of [{ node: entity, via: [] as GraphRelationship[] }, ...ancestors]) {
    for (const r of await store.relationships(target.node.id, { direction: 'in' })) {
      if (r.type === 'APPLIES_TO' && !documents.some((d) => d.id === r.from))
        documents.push({ id: r.from, via: [...target.via, r] });
      // A section that names the entity or its category speaks about it, whatever document holds it.
      if (r.type === 'MENTIONS' && !sections.some((x) => x.id === r.from))
        sections.push({ id: r.from, via: [...target.via, r] });
      if (target.node.id === entity.id && (r.type === 'ABOUT' || r.type === 'MENTIONS')) faqs.add(r.from);
    }
  }
  return { entity, ancestors, documents, sections, faqs: [...faqs] };
}

/** Entities reached by following an entity's own facts outward: its category, the category's parent, its brand. */
export async function ancestorsOf(
  store: GraphStore,
  entity: GraphNode,
  depth = 3,
): Promise<EntityContext['ancestors']> {
  const ancestors: EntityContext['ancestors'] = [];
  const seen = new Set([entity.id]);
  let frontier: { id: string; via: GraphRelationship[] }[] = [{ id: entity.id, via: [] }];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const r of await store.relationships(f.id, { direction: 'out' })) {
        if (STRUCTURAL.has(r.type) || seen.has(r.to)) continue;
        seen.add(r.to);
        next.push({ id: r.to, via: [...f.via, r] });
      }
    }
    const nodes = await store.getNodes(next.map((n) => n.id));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const n of next) {
      const node = byId.get(n.id);
      if (node?.kind === 'entity') ancestors.push({ node, via: n.via });
    }
    // Only entities lead further: a document reached outward is not a category to climb.
    frontier = next.filter((n) => byId.get(n.id)?.kind === 'entity');
  }
  return ancestors;
}

/**
 * True when `others` are unrelated to every one of `named`: none is one of them, one of their groups
 * (category, brand) or a member of one. An FAQ asked about another branch, service or product.
 */
export async function unrelatedTo(store: GraphStore, others: GraphNode[], named: GraphNode[]): Promise<boolean> {
  const near = new Set(named.map((n) => n.id));
  for (const n of named) for (const a of await ancestorsOf(store, n)) near.add(a.node.id);
  for (const o of others) {
    if (near.has(o.id)) return false;
    if ((await ancestorsOf(store, o)).some((a) => named.some((n) => n.id === a.node.id))) return false;
  }
  return true;
}

/**
 * Members of a set-like entity (a category, a brand): nodes that point at it, directly or through
 * sub-groups. Of the kinds `asked` (type keys the question names), when any member is of one.
 */
export async function members(
  store: GraphStore,
  group: GraphNode,
  asked: ReadonlySet<string> = new Set(),
  depth = 2,
): Promise<GraphNode[]> {
  const found = new Map<string, GraphNode>();
  const seen = new Set([group.id]);
  let frontier = [group.id];
  for (let d = 0; d < depth && frontier.length; d++) {
    const rels = (await Promise.all(frontier.map((id) => store.relationships(id, { direction: 'in' })))).flat();
    const ids = [...new Set(rels.filter((r) => !STRUCTURAL.has(r.type) && !seen.has(r.from)).map((r) => r.from))];
    for (const id of ids) seen.add(id);
    const nodes = (await store.getNodes(ids)).filter((n) => n.kind === 'entity');
    for (const n of nodes) found.set(n.id, n);
    // Only sub-groups (of the group's own type) lead further; a member's own neighbours (its
    // accessories, what it upgrades) are not members of the group.
    frontier = nodes.filter((n) => n.type === group.type).map((n) => n.id);
  }
  // A sub-group (a sub-category) is a member's container, not a member. Many kinds point at a town
  // (its wards, its libraries): "Kestwick有哪些选区" wants the kind it names; a question naming none
  // gets the most common kind, which is what the group mostly holds.
  const byType = new Map<string, GraphNode[]>();
  for (const n of found.values()) if (n.type !== group.type) byType.set(n.type, [...(byType.get(n.type) ?? []), n]);
  const named = [...byType].filter(([type]) => asked.has(type)).flatMap(([, nodes]) => nodes);
  const largest = [...byType.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return (named.length ? named : largest).sort((a, b) => a.id.localeCompare(b.id));
}
