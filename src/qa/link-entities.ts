import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { allowedTypos, substringEditDistance } from './fuzzy-match.js';
import type { KnowledgeIndex } from './knowledge-index.js';

export interface EntityMention {
  /** The name as indexed. */
  text: string;
  /** More than one when the name is shared (ambiguous). */
  candidates: GraphNode[];
  /** Offsets in `matchKey(question)`. */
  start: number;
  end: number;
  via: 'name' | 'fuzzy';
  score: number;
}

/**
 * Entities the question names: exact names and aliases found inside it (normalised for case, width
 * and spacing), then names that appear with a typo among the nearest entity terms by meaning.
 */
export async function linkEntities(
  question: string,
  index: KnowledgeIndex,
  store: GraphStore,
  nearest: () => Promise<TermHit[]>,
): Promise<EntityMention[]> {
  const mentions: EntityMention[] = [];
  for (const m of index.entities.find(question)) {
    const candidates = (await store.getNodes(m.ids)).filter((n) => n.kind === 'entity');
    if (candidates.length === 0) continue;
    mentions.push({ text: m.name, candidates, start: m.start, end: m.end, via: 'name', score: 1 });
  }
  const key = matchKey(question);
  const covered = (s: number, e: number) => mentions.some((m) => s < m.end && m.start < e);
  const fuzzy = new Map<string, EntityMention>();
  for (const hit of await nearest()) {
    const name = matchKey(hit.text);
    const typos = allowedTypos(name.length);
    if (typos === 0) continue;
    const { distance, end } = substringEditDistance(name, key);
    if (distance === 0 || distance > typos) continue;
    const start = Math.max(0, end - name.length);
    if (covered(start, end)) continue;
    // A different digit is a different model (iPhone 14 is not a typo of iPhone 15).
    if (digits(key.slice(Math.max(0, start - 1), end + 1)) !== digits(name)) continue;
    const prev = fuzzy.get(hit.text);
    if (prev) {
      if (!prev.candidates.some((c) => c.id === hit.target)) {
        const node = await store.getNode(hit.target);
        if (node) prev.candidates.push(node);
      }
      continue;
    }
    const node = await store.getNode(hit.target);
    if (node?.kind === 'entity') {
      fuzzy.set(hit.text, {
        text: hit.text,
        candidates: [node],
        start,
        end,
        via: 'fuzzy',
        score: 1 - distance / name.length,
      });
    }
  }
  // Keep the best fuzzy reading of each stretch of the question.
  for (const m of [...fuzzy.values()].sort((a, b) => b.score - a.score || b.text.length - a.text.length)) {
    if (!covered(m.start, m.end)) mentions.push(m);
  }
  return mentions.sort((a, b) => a.start - b.start);
}

const digits = (s: string) => (s.match(/\d+/g) ?? []).join(' ');
