import { fileURLToPath } from 'node:url';
import neo4j, { type Driver, Neo4jError, type Transaction } from 'neo4j-driver';
import type {
  GraphNode,
  GraphRelationship,
  GraphStats,
  GraphStore,
  NodeKind,
  NodePart,
  Scalar,
  SourceRecord,
  TermHit,
  TermKind,
} from '../../src/ports/graph-store.js';
import { nameKey } from '../../src/ports/text-normalize.js';
import { compareRelationships, mergeParts, nodeNameKeys } from '../merge-parts.js';
import { loadQueries } from './query-files.js';

export interface Neo4jStoreOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  /** Dimension of the term vector index; must match the embedder. */
  dimension: number;
  /**
   * Every element carries this namespace, so several packs (or test runs) share one database
   * without touching each other's data.
   */
  namespace?: string;
  queriesDir?: string;
  /** Rows per UNWIND statement inside a file's transaction. */
  batchSize?: number;
}

const DEFAULT_QUERIES = fileURLToPath(new URL('../../queries/', import.meta.url));

type Row = Record<string, unknown>;

export function createNeo4jStore(opts: Neo4jStoreOptions): GraphStore & { dropNamespace(): Promise<void> } {
  const ns = opts.namespace ?? '';
  const database = opts.database || undefined;
  const batchSize = opts.batchSize ?? 1000;
  let driver: Driver | undefined;
  let queries: Map<string, string> | undefined;

  function q(name: string): string {
    const text = queries?.get(name);
    if (!text) throw new Error(queries ? `missing query file queries/${name}.cypher` : 'neo4j store is not connected');
    return text;
  }

  async function read(name: string, params: Row = {}): Promise<Row[]> {
    if (!driver) throw new Error('neo4j store is not connected');
    const res = await driver.executeQuery(q(name), { ns, ...params }, { database, routing: neo4j.routing.READ });
    return res.records.map((r) => r.toObject() as Row);
  }

  async function run(tx: Transaction, name: string, params: Row = {}): Promise<Row[]> {
    const res = await tx.run(q(name), { ns, ...params });
    return res.records.map((r) => r.toObject() as Row);
  }

  async function runBatched(tx: Transaction, name: string, rows: Row[]) {
    for (let i = 0; i < rows.length; i += batchSize) await run(tx, name, { rows: rows.slice(i, i + batchSize) });
  }

  /**
   * One explicit transaction, committed once. Not the driver's retrying `executeWrite`: a file too
   * large for the server's transaction memory limit fails the same way on every attempt, and
   * retrying it for 30 s only hides that.
   */
  async function writeOnce(work: (tx: Transaction) => Promise<void>): Promise<void> {
    if (!driver) throw new Error('neo4j store is not connected');
    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction();
    try {
      await work(tx);
      await tx.commit();
    } catch (err) {
      if (tx.isOpen()) await tx.rollback().catch(() => {});
      if (err instanceof Neo4jError && /MemoryLimit|OutOfMemory/i.test(err.code)) {
        throw new Error(
          `the file is too large for one Neo4j transaction (${err.code}): raise the server's heap or ` +
            'db.memory.transaction.max, or split the file',
        );
      }
      throw err;
    } finally {
      await session.close();
    }
  }

  const parseParts = (s: unknown) => JSON.parse(String(s ?? '{}')) as Record<string, NodePart>;

  function toNodes(rows: Row[]): GraphNode[] {
    return rows.map((r) => mergeParts(String(r.id), parseParts(r.parts))).filter((n): n is GraphNode => !!n);
  }

  function toRel(r: Row): GraphRelationship {
    const rel: GraphRelationship = {
      from: String(r.from),
      type: String(r.type),
      to: String(r.to),
      source: String(r.source),
      location: String(r.location ?? ''),
      hash: String(r.hash ?? ''),
    };
    if (r.properties) rel.properties = JSON.parse(String(r.properties)) as Record<string, Scalar>;
    return rel;
  }

  function nodeRow(id: string, parts: Record<string, NodePart>): Row {
    const merged = mergeParts(id, parts);
    return {
      id,
      visible: !!merged,
      kind: merged?.kind ?? null,
      type: merged?.type ?? null,
      name: merged?.name ?? null,
      aliases: merged?.aliases ?? [],
      text: merged?.text ?? null,
      nameKeys: merged ? nodeNameKeys(merged, nameKey) : [],
      sources: Object.keys(parts).sort(),
      parts: JSON.stringify(parts),
      attributes: merged ? JSON.stringify(merged.attributes) : null,
    };
  }

  /** Removes one source's parts, relationships and terms inside `tx`; returns node ids it touched. */
  async function removeSource(tx: Transaction, source: string): Promise<Map<string, Record<string, NodePart>>> {
    const touched = new Map<string, Record<string, NodePart>>();
    for (const r of await run(tx, 'source-node-parts', { source })) {
      const { [source]: _gone, ...rest } = parseParts(r.parts);
      touched.set(String(r.id), rest);
    }
    const relEnds = await run(tx, 'rels-delete-source', { source });
    await run(tx, 'terms-delete-source', { source });
    await run(tx, 'source-delete', { source });
    const endIds = relEnds.flatMap((r) => [String(r.from), String(r.to)]).filter((id) => !touched.has(id));
    for (const r of await run(tx, 'nodes-parts', { ids: [...new Set(endIds)] }))
      touched.set(String(r.id), parseParts(r.parts));
    return touched;
  }

  const store: GraphStore & { dropNamespace(): Promise<void> } = {
    backend: 'neo4j',

    async connect() {
      if (driver) return;
      queries = loadQueries(opts.queriesDir ?? DEFAULT_QUERIES);
      const auth = opts.user ? neo4j.auth.basic(opts.user, opts.password ?? '') : undefined;
      const d = neo4j.driver(opts.uri, auth, { disableLosslessIntegers: true });
      try {
        await d.verifyConnectivity({ database });
        for (const name of [
          'schema-node-key',
          'schema-term-key',
          'schema-source-key',
          'schema-term-source-index',
          'schema-term-target-index',
          'schema-rel-source-index',
          'schema-term-vector-index',
        ]) {
          await d.executeQuery(q(name), { dimension: neo4j.int(opts.dimension) }, { database });
        }
        const [idx] = (await d.executeQuery(q('vector-index-dimension'), {}, { database })).records;
        const existing = Number(idx?.get('dimension'));
        if (idx && existing !== opts.dimension) {
          throw new Error(
            `vector index term_embedding has ${existing} dimensions but the embedder gives ${opts.dimension}: ` +
              're-create the index (DROP INDEX term_embedding) and re-import the packs',
          );
        }
        await d.executeQuery('CALL db.awaitIndexes(300)', {}, { database });
      } catch (err) {
        await d.close();
        throw err;
      }
      driver = d;
    },

    async close() {
      const d = driver;
      driver = undefined;
      await d?.close();
    },

    async applySource(batch) {
      if (!driver) throw new Error('neo4j store is not connected');
      const source = batch.source.id;
      await writeOnce(async (tx) => {
        const touched = await removeSource(tx, source);
        const newIds = batch.nodes.map((p) => p.id).filter((id) => !touched.has(id));
        for (const r of await run(tx, 'nodes-parts', { ids: newIds })) touched.set(String(r.id), parseParts(r.parts));
        for (const p of batch.nodes) {
          if (p.source !== source) throw new Error(`node ${p.id} carries source ${p.source}, batch is ${source}`);
          touched.set(p.id, { ...(touched.get(p.id) ?? {}), [source]: p });
        }
        await runBatched(
          tx,
          'nodes-write',
          [...touched].map(([id, parts]) => nodeRow(id, parts)),
        );
        // This source's relationships were all deleted above, so each is created once (deduplicated
        // here) instead of MERGEd, which needs an eager pass and a lock per pair.
        await runBatched(
          tx,
          'rels-create',
          uniqueRelationships(batch.relationships).map((r) => ({
            ...r,
            properties: r.properties ? JSON.stringify(r.properties) : null,
          })),
        );
        await runBatched(
          tx,
          'terms-create',
          batch.terms.map((t) => ({ ...t, vector: Array.from(t.vector) })),
        );
        await run(tx, 'source-upsert', { source: { ...batch.source, counts: JSON.stringify(batch.source.counts) } });
        await run(tx, 'nodes-drop-orphans', { ids: [...touched.keys()] });
      });
    },

    async deleteSource(sourceId) {
      if (!driver) throw new Error('neo4j store is not connected');
      await writeOnce(async (tx) => {
        const touched = await removeSource(tx, sourceId);
        await runBatched(
          tx,
          'nodes-write',
          [...touched].map(([id, parts]) => nodeRow(id, parts)),
        );
        await run(tx, 'nodes-drop-orphans', { ids: [...touched.keys()] });
      });
    },

    async getSource(id) {
      const [row] = await read('sources-list', { id });
      return row ? toSource(row) : undefined;
    },

    async listSources() {
      return (await read('sources-list', { id: null })).map(toSource);
    },

    async getNode(id) {
      return toNodes(await read('nodes-parts', { ids: [id] }))[0];
    },

    async getNodes(ids) {
      const byId = new Map(toNodes(await read('nodes-parts', { ids: [...ids] })).map((n) => [n.id, n]));
      return ids.map((id) => byId.get(id)).filter((n): n is GraphNode => !!n);
    },

    async listNodes(o = {}) {
      return toNodes(
        await read('nodes-list', {
          kind: o.kind ?? null,
          type: o.type ?? null,
          offset: neo4j.int(o.offset ?? 0),
          limit: neo4j.int(o.limit ?? 100),
        }),
      );
    },

    async relationships(id, o = {}) {
      const rows = await read('node-relationships', { id, type: o.type ?? null, direction: o.direction ?? 'both' });
      return rows.map(toRel).sort(compareRelationships);
    },

    async neighbourhood(id, depth, limit = 200) {
      const start = await store.getNode(id);
      if (!start) return { nodes: [], relationships: [] };
      const seen = new Set([id]);
      const rels = new Map<string, GraphRelationship>();
      let frontier = [id];
      for (let d = 0; d < depth && frontier.length > 0; d++) {
        const next: string[] = [];
        for (const r of (await read('neighbours', { ids: frontier })).map(toRel)) {
          for (const end of [r.from, r.to]) {
            if (!seen.has(end) && seen.size < limit) {
              seen.add(end);
              next.push(end);
            }
          }
          rels.set(`${r.source}|${r.from}|${r.type}|${r.to}`, r);
        }
        frontier = next;
      }
      const nodes = await store.getNodes([...seen]);
      const visible = new Set(nodes.map((n) => n.id));
      const relationships = [...rels.values()]
        .filter((r) => visible.has(r.from) && visible.has(r.to))
        .sort(compareRelationships);
      return { nodes, relationships };
    },

    async findByName(name, o = {}) {
      const key = nameKey(name);
      if (!key) return [];
      return toNodes(
        await read('find-by-name', {
          key,
          kind: o.kind ?? null,
          type: o.type ?? null,
          limit: neo4j.int(o.limit ?? 20),
        }),
      );
    },

    async searchTerms(vector, o) {
      // The vector index spans every namespace and kind, so ask for more candidates than needed
      // and filter; Neo4j reports cosine as (1 + cos) / 2, mapped back to cos here.
      // Terms of a few given targets are scored exactly; the whole graph goes through the index.
      const rows = o.targets
        ? await read('terms-score-targets', {
            vector: Array.from(vector),
            targets: o.targets,
            k: neo4j.int(o.k),
            kinds: o.kinds ?? null,
          })
        : await read('terms-search', {
            vector: Array.from(vector),
            candidates: neo4j.int(Math.max(100, o.k * 10)),
            k: neo4j.int(o.k),
            kinds: o.kinds ?? null,
          });
      return rows.map(
        (r): TermHit => ({
          id: String(r.id),
          target: String(r.target),
          kind: r.kind as TermKind,
          text: String(r.text),
          source: String(r.source),
          score: 2 * Number(r.score) - 1,
        }),
      );
    },

    async listTerms(kinds) {
      const rows = await read('terms-list', { kinds: kinds ?? null });
      return rows.map((r) => ({
        id: String(r.id),
        target: String(r.target),
        kind: r.kind as TermKind,
        text: String(r.text),
        source: String(r.source),
      }));
    },

    async stats(): Promise<GraphStats> {
      const byKind: Partial<Record<NodeKind, number>> = {};
      let nodes = 0;
      for (const r of await read('stats-nodes')) {
        byKind[r.kind as NodeKind] = Number(r.count);
        nodes += Number(r.count);
      }
      const [rels] = await read('stats-relationships');
      const [terms] = await read('stats-terms');
      const [sources] = await read('stats-sources');
      return {
        nodes,
        relationships: Number(rels?.count ?? 0),
        terms: Number(terms?.count ?? 0),
        sources: Number(sources?.count ?? 0),
        byKind,
      };
    },

    async dropNamespace() {
      if (!driver) throw new Error('neo4j store is not connected');
      // Batched deletes need an auto-commit transaction (session.run), not a managed one.
      const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
      try {
        await session.run(q('namespace-drop'), { ns });
      } finally {
        await session.close();
      }
    },
  };
  return store;
}

function uniqueRelationships(rels: GraphRelationship[]): GraphRelationship[] {
  const seen = new Map<string, GraphRelationship>();
  for (const r of rels) {
    const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}

function toSource(r: Row): SourceRecord {
  return {
    id: String(r.id),
    hash: String(r.hash),
    fingerprint: String(r.fingerprint ?? r.hash),
    format: String(r.format),
    importedAt: String(r.importedAt),
    counts: JSON.parse(String(r.counts ?? '{"nodes":0,"relationships":0,"terms":0}')),
  };
}
