import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import type { KnowledgeIndex } from './knowledge-index.js';

export interface EntityMention {
  /** The name as indexed. */
  text: string;
  /** More than one when the name is shared (ambiguous). */
  candidates: GraphNode[];
  start: number;
  end: number;
  via: 'name' | 'vector';
  score: number;
}

/**
 * Finds the entities a question names: exact names and aliases found inside the question first
 * (normalised for case, width and spacing). Candidates that are not entities are ignored.
 */
export async function linkEntities(
  question: string,
  index: KnowledgeIndex,
  store: GraphStore,
): Promise<EntityMention[]> {
  const mentions: EntityMention[] = [];
  for (const m of index.entities.find(question)) {
    const candidates = (await store.getNodes(m.ids)).filter((n) => n.kind === 'entity');
    if (candidates.length === 0) continue;
    mentions.push({ text: m.name, candidates, start: m.start, end: m.end, via: 'name', score: 1 });
  }
  return mentions;
}
