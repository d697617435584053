import type { GraphNode, GraphStore } from '../ports/graph-store.js';

export interface SchemaEntry {
  id: string;
  /** The raw name in the pack: column header, relation type, entity type. */
  key: string;
  /** Label per language code. */
  labels: Record<string, string>;
  /** Other phrases that name it (labels excluded). */
  synonyms: string[];
  unit?: string;
  /** Unit per language, when the pack gives one per language. */
  units?: Record<string, string>;
  description?: string;
  /** Files that describe or use it: schema.yaml, and the tables whose columns it names. */
  sources: string[];
}

export interface SchemaCatalog {
  types: SchemaEntry[];
  attributes: SchemaEntry[];
  relations: SchemaEntry[];
}

const PAGE = 500;

/** The pack's schema (schema.yaml): what types, attributes and relations are called, in each language. */
export async function readSchema(store: GraphStore): Promise<SchemaCatalog> {
  const catalog: SchemaCatalog = { types: [], attributes: [], relations: [] };
  for (let offset = 0; ; offset += PAGE) {
    const nodes = await store.listNodes({ kind: 'schema', offset, limit: PAGE });
    for (const node of nodes) {
      const entry = toEntry(node);
      if (node.type === 'type') catalog.types.push(entry);
      else if (node.type === 'attribute') catalog.attributes.push(entry);
      else if (node.type === 'relation') catalog.relations.push(entry);
    }
    if (nodes.length < PAGE) return catalog;
  }
}

/** How a schema node reads: the one interpretation the catalog and the QA engine share. */
export function toEntry(node: GraphNode): SchemaEntry {
  const labels: Record<string, string> = {};
  const units: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes)) {
    if (k.startsWith('label_')) labels[k.slice('label_'.length)] = String(v.value);
    if (k.startsWith('unit_')) units[k.slice('unit_'.length)] = String(v.value);
  }
  const labelSet = new Set(Object.values(labels));
  const unit = node.attributes.unit?.value;
  return {
    id: node.id,
    key: String(node.attributes.key?.value ?? node.id.split(':').slice(2).join(':')),
    labels,
    synonyms: node.aliases.filter((a) => !labelSet.has(a)),
    ...(unit !== undefined && unit !== '' ? { unit: String(unit) } : {}),
    ...(Object.keys(units).length > 0 ? { units } : {}),
    ...(node.text ? { description: node.text } : {}),
    sources: [...new Set(node.provenance.map((p) => p.source))],
  };
}
