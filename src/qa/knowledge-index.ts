import { toEntry } from '../catalog/schema-catalog.js';
import type { GraphNode, GraphStore, TermKind } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { createNameMatcher, type NameMatcher } from '../text/name-matcher.js';
import { STRUCTURAL } from './graph-context.js';
import { createOverlapScorer, type OverlapScorer } from './lexical-overlap.js';

export interface SchemaItemInfo {
  id: string;
  item: 'attribute' | 'relation' | 'type';
  key: string;
  labels: Partial<Record<string, string>>;
  unit?: string;
  /** Unit per language (`unit: {zh: 小时, en: hours}` in schema.yaml). */
  units?: Partial<Record<string, string>>;
}

export interface KnowledgeIndex {
  entities: NameMatcher;
  predicates: NameMatcher;
  /** Labels and synonyms of entity types ("商品", "products"). */
  types: NameMatcher;
  /** Every Latin/digit word in any term: what the knowledge base has heard of. */
  vocabulary: Set<string>;
  schema: Map<string, SchemaItemInfo>;
  /** Schema id of an attribute or relation by its raw key. */
  byKey: Map<string, string>;
  /** Lexical overlap of a question with FAQ and section texts, IDF from those texts. */
  overlap: OverlapScorer;
  /** Text of every FAQ/section term by term id, for the overlap signal. */
  termText: Map<string, string>;
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
    const passageTerms = await store.listTerms(['faq', 'section']);
    const predicateTerms = (await store.listTerms(SCHEMA_KINDS)).filter((t) => !isStructural(t.target));
    const typeTerms = await store.listTerms(['type']);
    const vocabulary = new Set<string>();
    const addWords = (text: string) => {
      for (const w of matchKey(text).match(/[a-z0-9]+/g) ?? []) vocabulary.add(w);
    };
    for (const t of [...entityTerms, ...passageTerms, ...predicateTerms, ...typeTerms]) addWords(t.text);
    for (let offset = 0; ; offset += 1000) {
      const page = await store.listNodes({ kind: 'entity', offset, limit: 1000 });
      for (const n of page) {
        addWords(n.text);
        for (const a of Object.values(n.attributes)) addWords(String(a.value));
      }
      if (page.length < 1000) break;
    }
    const schemaIds = [...new Set(predicateTerms.map((t) => t.target))];
    const schema = new Map<string, SchemaItemInfo>();
    const byKey = new Map<string, string>();
    for (const node of await store.getNodes(schemaIds)) {
      const info = toSchemaInfo(node);
      schema.set(node.id, info);
      byKey.set(info.key, node.id);
    }
    // Kinds too, for their labels ("短期课程" when a list is titled by its kind).
    for (const node of await store.getNodes([...new Set(typeTerms.map((t) => t.target))])) {
      schema.set(node.id, toSchemaInfo(node));
    }
    return {
      entities: createNameMatcher(
        entityTerms.map((t) => ({ text: t.text, id: t.target })),
        { singulars: true },
      ),
      predicates: createNameMatcher(predicateTerms.map((t) => ({ text: t.text, id: t.target }))),
      types: createNameMatcher(
        typeTerms.map((t) => ({ text: t.text, id: t.target })),
        { singulars: true },
      ),
      vocabulary,
      schema,
      byKey,
      overlap: createOverlapScorer(passageTerms.map((t) => t.text)),
      termText: new Map(passageTerms.map((t) => [t.id, t.text])),
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
  const { id, key, labels, unit, units } = toEntry(node);
  return { id, item: node.type as SchemaItemInfo['item'], key, labels, unit, units };
}

/** The label to show for an attribute or relation in a language, falling back to its raw key. */
export function labelOf(info: SchemaItemInfo | undefined, key: string, language: string): string {
  return info?.labels[language] ?? info?.labels.zh ?? info?.labels.en ?? key.replace(/_/g, ' ');
}

/** Type keys of the kinds a text names by their labels or synonyms ("wards", "the office"). */
export function namedKinds(index: KnowledgeIndex, text: string): Set<string> {
  const ids = index.types.find(text).flatMap((m) => m.ids);
  return new Set(ids.filter((id) => id.startsWith(TYPE_ID)).map((id) => id.slice(TYPE_ID.length)));
}

const TYPE_ID = 'schema:type:';

/** A schema id of a relation the ingest adds for structure (see STRUCTURAL): never a predicate to map to. */
export const isStructural = (schemaId: string) =>
  schemaId.startsWith('schema:relation:') && STRUCTURAL.has(schemaId.slice('schema:relation:'.length));
