import { createHash } from 'node:crypto';
import type { GraphNode, GraphRelationship, GraphStore } from '../../src/ports/graph-store.js';

/** Every visible node with its outgoing relationships, in a stable order. */
export async function dumpGraph(
  store: GraphStore,
): Promise<{ nodes: GraphNode[]; relationships: GraphRelationship[] }> {
  const nodes: GraphNode[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.listNodes({ offset, limit: 500 });
    nodes.push(...page);
    if (page.length < 500) break;
  }
  const relationships: GraphRelationship[] = [];
  for (const n of nodes) relationships.push(...(await store.relationships(n.id, { direction: 'out' })));
  return { nodes, relationships };
}

/** A hash of the whole visible graph and its terms: equal hashes mean nothing changed. */
export async function graphDigest(store: GraphStore): Promise<string> {
  const dump = await dumpGraph(store);
  const terms = (await store.listTerms()).map((t) => `${t.id}|${t.target}|${t.text}`).sort();
  const sources = (await store.listSources()).map((s) => `${s.id}|${s.hash}|${s.fingerprint}`);
  return createHash('sha256')
    .update(JSON.stringify({ ...dump, terms, sources }))
    .digest('hex');
}
