import type { GraphNode, GraphStore, TermKind } from '../ports/graph-store.js';
import { createNameMatcher, type NameMatcher } from '../text/name-matcher.js';

export interface SchemaItemInfo {
  id: string;
  item: 'attribute' | 'relation' | 'type';
  key: string;
  labels: Partial<Record<string, string>>;
  unit?: string;
}

export interface KnowledgeIndex {
  entities: NameMatcher;
  predicates: NameMatcher;
  schema: Map<string, SchemaItemInfo>;
  /** Schema id of an attribute or relation by its raw key. */
  byKey: Map<string, string>;
}

const SCHEMA_KINDS: TermKind[] = ['attribute', 'relation'];

/**
 * Lexical lookup tables built from the graph's terms: names and aliases of entities, labels
 * and synonyms of attributes and relations. Rebuilt after an import changes the graph.
 */
export function createKnowledgeIndexCache(store: GraphStore) {
  let current: Promise<KnowledgeIndex> | undefined;

  async function build(): Promise<KnowledgeIndex> {
    const entityTerms = await store.listTerms(['entity']);
    const predicateTerms = await store.listTerms(SCHEMA_KINDS);
    const schemaIds = [...new Set(predicateTerms.map((t) => t.target))];
    const schema = new Map<string, SchemaItemInfo>();
    const byKey = new Map<string, string>();
    for (const node of await store.getNodes(schemaIds)) {
      const info = toSchemaInfo(node);
      schema.set(node.id, info);
      byKey.set(info.key, node.id);
    }
    return {
      entities: createNameMatcher(entityTerms.map((t) => ({ text: t.text, id: t.target }))),
      predicates: createNameMatcher(predicateTerms.map((t) => ({ text: t.text, id: t.target }))),
      schema,
      byKey,
    };
  }

  return {
    get(): Promise<KnowledgeIndex> {
      current ??= build().catch((err: unknown) => {
        current = undefined;
        throw err;
      });
      return current;
    },
    invalidate(): void {
      current = undefined;
    },
  };
}

export type KnowledgeIndexCache = ReturnType<typeof createKnowledgeIndexCache>;

function toSchemaInfo(node: GraphNode): SchemaItemInfo {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attributes)) {
    if (k.startsWith('label_')) labels[k.slice(6)] = String(v.value);
  }
  const key = String(node.attributes.key?.value ?? node.id.split(':').slice(2).join(':'));
  return {
    id: node.id,
    item: node.type as SchemaItemInfo['item'],
    key,
    labels,
    unit: node.attributes.unit ? String(node.attributes.unit.value) : undefined,
  };
}

/** The label to show for an attribute or relation in a language, falling back to its raw key. */
export function labelOf(info: SchemaItemInfo | undefined, key: string, language: string): string {
  return info?.labels[language] ?? info?.labels.zh ?? info?.labels.en ?? key.replace(/_/g, ' ');
}
