/**
 * Port for the knowledge graph. Adapters: `graph/memory/` (graphology, embedded default)
 * and `graph/neo4j/` (neo4j-driver). Everything crossing this port is plain JS values.
 *
 * Model: every fact is contributed by exactly one source (a pack file). A node is the merge
 * of the parts its sources contributed, so replacing one source's facts never loses another's.
 */

export type Scalar = string | number | boolean;

/** Where a fact came from. `location` is "line 12" or a heading path like "退货政策 > 例外". */
export interface Provenance {
  source: string;
  location: string;
  hash: string;
}

/** `schema` nodes describe attributes, relations and types (labels, synonyms, units). */
export type NodeKind = 'entity' | 'document' | 'section' | 'faq' | 'schema';

export interface AttributeValue extends Provenance {
  value: Scalar;
}

/** What one source says about one node. */
export interface NodePart extends Provenance {
  id: string;
  kind: NodeKind;
  /** Entity type (`product`, `category`), document type (`policy`), `section`, `faq`. Empty when the source does not say. */
  type?: string;
  name?: string;
  aliases?: string[];
  /** Description, section body or FAQ answer. */
  text?: string;
  attributes?: Record<string, Scalar>;
}

/** A node as read back: the merge of its parts. */
export interface GraphNode {
  id: string;
  kind: NodeKind;
  type: string;
  name: string;
  aliases: string[];
  text: string;
  attributes: Record<string, AttributeValue>;
  /** Sources that contributed to this node, with their locations. */
  provenance: Provenance[];
}

export interface GraphRelationship extends Provenance {
  from: string;
  type: string;
  to: string;
  properties?: Record<string, Scalar>;
}

/**
 * A searchable phrase (entity name/alias, FAQ question/alternate, section heading+text,
 * schema label/synonym) with its embedding, pointing at the node or schema item it names.
 */
export interface Term extends Provenance {
  id: string;
  target: string;
  kind: TermKind;
  text: string;
  vector: Float32Array | number[];
}

export type TermKind = 'entity' | 'faq' | 'section' | 'document' | 'attribute' | 'relation' | 'type';

export interface TermHit {
  id: string;
  target: string;
  kind: TermKind;
  text: string;
  source: string;
  score: number;
}

/** Everything one source contributes: applied atomically, replacing what that source said before. */
export interface SourceBatch {
  source: SourceRecord;
  nodes: NodePart[];
  relationships: GraphRelationship[];
  terms: Term[];
}

export interface SourceRecord {
  id: string;
  /** sha256 of the file's bytes: the provenance hash every fact of the file carries. */
  hash: string;
  /**
   * What decides whether a re-import may be skipped: the content hash, plus for files whose facts
   * depend on other files (mention links, triples resolved by name) a digest of those.
   */
  fingerprint: string;
  /** Format: csv, md, jsonl, tsv, yaml. */
  format: string;
  importedAt: string;
  counts: { nodes: number; relationships: number; terms: number };
}

export interface Neighbourhood {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

export interface GraphStats {
  nodes: number;
  relationships: number;
  terms: number;
  sources: number;
  byKind: Partial<Record<NodeKind, number>>;
}

export interface GraphStore {
  readonly backend: 'memory' | 'neo4j';
  /** Idempotent. */
  connect(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
  /** Replaces everything `batch.source.id` contributed with `batch`, atomically. */
  applySource(batch: SourceBatch): Promise<void>;
  /** Removes every fact the source contributed; nodes left with no part disappear. Atomic. */
  deleteSource(sourceId: string): Promise<void>;
  getSource(sourceId: string): Promise<SourceRecord | undefined>;
  listSources(): Promise<SourceRecord[]>;
  getNode(id: string): Promise<GraphNode | undefined>;
  getNodes(ids: readonly string[]): Promise<GraphNode[]>;
  /** Nodes in id order, optionally of one kind/type, one page at a time. */
  listNodes(opts?: { kind?: NodeKind; type?: string; offset?: number; limit?: number }): Promise<GraphNode[]>;
  /** Relationships touching `id`, optionally filtered by type and direction. */
  relationships(id: string, opts?: { type?: string; direction?: 'out' | 'in' | 'both' }): Promise<GraphRelationship[]>;
  /** Nodes and relationships within `depth` hops, at most `limit` nodes. */
  neighbourhood(id: string, depth: number, limit?: number): Promise<Neighbourhood>;
  /** Exact match on normalised name or alias (case/width-insensitive). */
  findByName(name: string, opts?: { kind?: NodeKind; type?: string; limit?: number }): Promise<GraphNode[]>;
  /**
   * Nearest terms to `vector` by cosine similarity. With `targets`, only the terms of those nodes
   * (a few: an entity's attributes), scored exactly rather than through an approximate index.
   */
  searchTerms(vector: Float32Array, opts: { k: number; kinds?: TermKind[]; targets?: string[] }): Promise<TermHit[]>;
  /** All terms of the given kinds without vectors (for lexical matching). */
  listTerms(kinds?: TermKind[]): Promise<Omit<TermHit, 'score'>[]>;
  stats(): Promise<GraphStats>;
}
