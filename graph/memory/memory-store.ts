import { MultiDirectedGraph } from 'graphology';
import type {
  GraphNode,
  GraphRelationship,
  GraphStats,
  GraphStore,
  Neighbourhood,
  NodeKind,
  NodePart,
  SourceBatch,
  SourceRecord,
  TermHit,
  TermKind,
} from '../../src/ports/graph-store.js';
import { nameKey } from '../../src/ports/text-normalize.js';
import { getOrCreate } from '../../src/util/get-or-create.js';
import { compareRelationships, mergeParts, nodeNameKeys } from '../merge-parts.js';
import { readSnapshot, vectorFromBase64, vectorToBase64, writeSnapshot } from './snapshot-file.js';

interface NodeAttrs {
  parts: Record<string, NodePart>;
  merged?: GraphNode;
}

interface StoredTerm extends Omit<TermHit, 'score'> {
  location: string;
  hash: string;
  vector: Float32Array;
}

interface Snapshot {
  version: 1;
  nodes: { id: string; parts: Record<string, NodePart> }[];
  relationships: GraphRelationship[];
  terms: (Omit<StoredTerm, 'vector'> & { vector: string })[];
  sources: SourceRecord[];
}

export interface MemoryStoreOptions {
  /** Snapshot file; omit for a purely in-memory store (tests). */
  file?: string;
  /** Coalesces snapshot writes during bulk imports. */
  persistDelayMs?: number;
}

/**
 * Embedded graph store on graphology. Writes are applied to a staged copy of the affected
 * elements only after the whole batch validated, so a failing batch changes nothing.
 */
export function createMemoryStore(opts: MemoryStoreOptions = {}): GraphStore {
  const graph = new MultiDirectedGraph<NodeAttrs, GraphRelationship>();
  const terms = new Map<string, StoredTerm>();
  const sources = new Map<string, SourceRecord>();
  const byName = new Map<string, Set<string>>();
  let connected = false;
  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  const edgeKey = (r: GraphRelationship) => `${r.source}\u0000${r.from}\u0000${r.type}\u0000${r.to}`;

  function indexNames(id: string, node: GraphNode | undefined, add: boolean) {
    if (!node) return;
    for (const key of nodeNameKeys(node, nameKey)) {
      if (add) {
        getOrCreate(byName, key, () => new Set<string>()).add(id);
        continue;
      }
      const ids = byName.get(key);
      if (ids) {
        ids.delete(id);
        if (ids.size === 0) byName.delete(key);
      }
    }
  }

  function setParts(id: string, parts: Record<string, NodePart>) {
    if (!graph.hasNode(id)) graph.addNode(id, { parts: {} });
    const attrs = graph.getNodeAttributes(id);
    indexNames(id, attrs.merged, false);
    attrs.parts = parts;
    attrs.merged = mergeParts(id, parts);
    indexNames(id, attrs.merged, true);
  }

  function dropIfOrphan(id: string) {
    if (graph.hasNode(id) && !graph.getNodeAttributes(id).merged && graph.degree(id) === 0) graph.dropNode(id);
  }

  function ensureEndpoint(id: string) {
    if (!graph.hasNode(id)) graph.addNode(id, { parts: {} });
  }

  function removeSourceFacts(sourceId: string): Set<string> {
    const touched = new Set<string>();
    for (const id of graph.nodes()) {
      const attrs = graph.getNodeAttributes(id);
      if (attrs.parts[sourceId]) {
        const { [sourceId]: _gone, ...rest } = attrs.parts;
        setParts(id, rest);
        touched.add(id);
      }
    }
    for (const edge of graph.filterEdges((_e, r) => r.source === sourceId)) {
      touched.add(graph.source(edge));
      touched.add(graph.target(edge));
      graph.dropEdge(edge);
    }
    for (const [id, t] of terms) if (t.source === sourceId) terms.delete(id);
    sources.delete(sourceId);
    return touched;
  }

  function validate(batch: SourceBatch) {
    for (const p of batch.nodes) {
      if (p.source !== batch.source.id)
        throw new Error(`node ${p.id} carries source ${p.source}, batch is ${batch.source.id}`);
    }
    for (const r of batch.relationships) {
      if (r.source !== batch.source.id)
        throw new Error(`relationship ${r.from}-${r.type}->${r.to} carries source ${r.source}`);
    }
    for (const t of batch.terms) {
      if (t.source !== batch.source.id) throw new Error(`term ${t.id} carries source ${t.source}`);
      if (!t.vector || t.vector.length === 0) throw new Error(`term ${t.id} has no vector`);
    }
  }

  function scheduleSave() {
    if (!opts.file) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      saving = saving.then(save, save);
    }, opts.persistDelayMs ?? 50);
  }

  async function save() {
    if (!opts.file) return;
    const snapshot: Snapshot = {
      version: 1,
      nodes: graph.mapNodes((id, a) => ({ id, parts: a.parts })).filter((n) => Object.keys(n.parts).length > 0),
      relationships: graph.mapEdges((_e, r) => r),
      terms: [...terms.values()].map((t) => ({ ...t, vector: vectorToBase64(t.vector) })),
      sources: [...sources.values()],
    };
    await writeSnapshot(opts.file, snapshot);
  }

  async function flush() {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = undefined;
      saving = saving.then(save, save);
    }
    await saving;
  }

  const visible = (id: string) => (graph.hasNode(id) ? graph.getNodeAttributes(id).merged : undefined);

  const store: GraphStore & { flush(): Promise<void> } = {
    backend: 'memory',
    flush,

    async connect() {
      if (connected) return;
      if (opts.file) {
        const snap = await readSnapshot<Snapshot>(opts.file);
        if (snap) {
          for (const n of snap.nodes) setParts(n.id, n.parts);
          for (const r of snap.relationships) {
            ensureEndpoint(r.from);
            ensureEndpoint(r.to);
            graph.addEdgeWithKey(edgeKey(r), r.from, r.to, r);
          }
          for (const t of snap.terms) terms.set(t.id, { ...t, vector: vectorFromBase64(t.vector) });
          for (const s of snap.sources) sources.set(s.id, s);
        }
      }
      connected = true;
    },

    async close() {
      if (!connected) return;
      await flush();
      connected = false;
    },

    async applySource(batch) {
      validate(batch);
      const sourceId = batch.source.id;
      const touched = removeSourceFacts(sourceId);
      for (const p of batch.nodes) {
        const existing = graph.hasNode(p.id) ? graph.getNodeAttributes(p.id).parts : {};
        setParts(p.id, { ...existing, [sourceId]: p });
      }
      for (const r of batch.relationships) {
        ensureEndpoint(r.from);
        ensureEndpoint(r.to);
        const key = edgeKey(r);
        if (!graph.hasEdge(key)) graph.addEdgeWithKey(key, r.from, r.to, r);
      }
      for (const t of batch.terms) {
        const { vector, ...rest } = t;
        terms.set(t.id, { ...rest, vector: vector instanceof Float32Array ? vector : Float32Array.from(vector) });
      }
      sources.set(sourceId, batch.source);
      for (const id of touched) dropIfOrphan(id);
      scheduleSave();
    },

    async deleteSource(sourceId) {
      for (const id of removeSourceFacts(sourceId)) dropIfOrphan(id);
      scheduleSave();
    },

    async getSource(id) {
      return sources.get(id);
    },

    async listSources() {
      return [...sources.values()].sort((a, b) => a.id.localeCompare(b.id));
    },

    async getNode(id) {
      return visible(id);
    },

    async getNodes(ids) {
      return ids.map(visible).filter((n): n is GraphNode => n !== undefined);
    },

    async listNodes(o = {}) {
      const offset = o.offset ?? 0;
      return graph
        .filterNodes(
          (_id, a) => !!a.merged && (!o.kind || a.merged.kind === o.kind) && (!o.type || a.merged.type === o.type),
        )
        .sort()
        .slice(offset, offset + (o.limit ?? 100))
        .map((id) => visible(id)!);
    },

    async relationships(id, o = {}) {
      if (!visible(id)) return [];
      const direction = o.direction ?? 'both';
      const edges = direction === 'out' ? graph.outEdges(id) : direction === 'in' ? graph.inEdges(id) : graph.edges(id);
      return edges
        .map((e) => graph.getEdgeAttributes(e))
        .filter((r) => (!o.type || r.type === o.type) && visible(r.from) && visible(r.to))
        .sort(compareRelationships);
    },

    async neighbourhood(id, depth, limit = 200): Promise<Neighbourhood> {
      if (!visible(id)) return { nodes: [], relationships: [] };
      const seen = new Set([id]);
      const rels = new Map<string, GraphRelationship>();
      let frontier = [id];
      for (let d = 0; d < depth && frontier.length > 0; d++) {
        const next: string[] = [];
        for (const n of frontier) {
          for (const e of graph.edges(n)) {
            const r = graph.getEdgeAttributes(e);
            const other = r.from === n ? r.to : r.from;
            if (!visible(other)) continue;
            if (!seen.has(other)) {
              if (seen.size >= limit) continue;
              seen.add(other);
              next.push(other);
            }
            rels.set(e, r);
          }
        }
        frontier = next;
      }
      const relationships = [...rels.values()]
        .filter((r) => seen.has(r.from) && seen.has(r.to))
        .sort(compareRelationships);
      return { nodes: [...seen].map((n) => visible(n)!), relationships };
    },

    async findByName(name, o = {}) {
      const ids = byName.get(nameKey(name));
      if (!ids) return [];
      return [...ids]
        .map((i) => visible(i)!)
        .filter((n) => (!o.kind || n.kind === o.kind) && (!o.type || n.type === o.type))
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, o.limit ?? 20);
    },

    async searchTerms(vector, o) {
      const kinds = o.kinds ? new Set<TermKind>(o.kinds) : undefined;
      const targets = o.targets ? new Set(o.targets) : undefined;
      const hits: TermHit[] = [];
      for (const t of terms.values()) {
        if (kinds && !kinds.has(t.kind)) continue;
        if (targets && !targets.has(t.target)) continue;
        let score = 0;
        const v = t.vector;
        for (let i = 0; i < v.length; i++) score += v[i]! * vector[i]!;
        hits.push({ id: t.id, target: t.target, kind: t.kind, text: t.text, source: t.source, score });
      }
      return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, o.k);
    },

    async listTerms(kinds) {
      const set = kinds ? new Set<TermKind>(kinds) : undefined;
      return [...terms.values()]
        .filter((t) => !set || set.has(t.kind))
        .map(({ id, target, kind, text, source }) => ({ id, target, kind, text, source }));
    },

    async stats(): Promise<GraphStats> {
      const byKind: Partial<Record<NodeKind, number>> = {};
      let nodes = 0;
      graph.forEachNode((_id, a) => {
        if (!a.merged) return;
        nodes++;
        byKind[a.merged.kind] = (byKind[a.merged.kind] ?? 0) + 1;
      });
      let relationships = 0;
      graph.forEachEdge((_e, r) => {
        if (visible(r.from) && visible(r.to)) relationships++;
      });
      return { nodes, relationships, terms: terms.size, sources: sources.size, byKind };
    },
  };
  return store;
}
