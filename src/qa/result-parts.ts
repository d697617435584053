import type { GraphNode } from '../ports/graph-store.js';
import type { AskResult, Citation, EntityRef, Fact, Language, Suggestion } from './types.js';

const EXCERPT = 240;

export function baseResult(
  status: AskResult['status'],
  confidence: number,
  language: Language,
  entities: GraphNode[],
): AskResult {
  return {
    answer: '',
    status,
    confidence: round(confidence),
    language,
    citations: [] as Citation[],
    entities: entities.map(toRef),
    facts: [] as Fact[],
    suggestions: [] as Suggestion[],
  };
}

export function citeNode(node: GraphNode, title: string, text: string): Citation {
  const p = node.provenance[0]!;
  return { sourceId: p.source, title, excerpt: excerpt(text), location: p.location, nodeId: node.id };
}

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function toRef(n: GraphNode): EntityRef {
  return { id: n.id, name: n.name, type: n.type };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
