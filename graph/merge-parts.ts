import type {
  AttributeValue,
  GraphNode,
  GraphRelationship,
  NodeKind,
  NodePart,
  Provenance,
} from '../src/ports/graph-store.js';

/**
 * A node is the merge of what each source says about it. Sources are visited in id order so the
 * merge is deterministic: on a conflict (two files giving different names or values) the source
 * whose id sorts first wins, whatever order the files were imported in.
 */
export function mergeParts(id: string, parts: Readonly<Record<string, NodePart>>): GraphNode | undefined {
  const sources = Object.keys(parts).sort();
  if (sources.length === 0) return undefined;
  let kind: NodeKind | undefined;
  let type = '';
  let name = '';
  let text = '';
  const aliases: string[] = [];
  const attributes: Record<string, AttributeValue> = {};
  const provenance: Provenance[] = [];
  for (const source of sources) {
    const p = parts[source]!;
    kind ??= p.kind;
    if (!type && p.type) type = p.type;
    if (!name && p.name) name = p.name;
    if (!text && p.text) text = p.text;
    for (const a of p.aliases ?? []) if (!aliases.includes(a)) aliases.push(a);
    for (const [key, value] of Object.entries(p.attributes ?? {})) {
      if (!(key in attributes)) attributes[key] = { value, source: p.source, location: p.location, hash: p.hash };
    }
    provenance.push({ source: p.source, location: p.location, hash: p.hash });
  }
  return { id, kind: kind!, type, name: name || id, aliases, text, attributes, provenance };
}

/** Every key a node can be found by through `findByName`. */
export function nodeNameKeys(node: Pick<GraphNode, 'name' | 'aliases'>, key: (s: string) => string): string[] {
  const keys = new Set<string>();
  for (const n of [node.name, ...node.aliases]) {
    const k = key(n);
    if (k) keys.add(k);
  }
  return [...keys];
}

/** One stable order for relationship lists, so both backends return the same sequence. */
export function compareRelationships(a: GraphRelationship, b: GraphRelationship): number {
  return (
    a.from.localeCompare(b.from) ||
    a.type.localeCompare(b.type) ||
    a.to.localeCompare(b.to) ||
    a.source.localeCompare(b.source)
  );
}
