import type { GraphNode, GraphRelationship, GraphStore, TermHit } from '../ports/graph-store.js';
import { composeFallback, composeFaq, composeGraphAnswer, composePassage, composePath } from './compose.js';
import { labelOf } from './knowledge-index.js';
import { baseResult, citeNode } from './result-parts.js';
import type { Thresholds } from './thresholds.js';
import type { GraphAnswer } from './traverse.js';
import type { AskResult, Fact, Language, Suggestion } from './types.js';

/** One possible answer and how sure the engine is of it; the most confident one wins. */
export interface Candidate {
  kind: string;
  confidence: number;
  build(): Promise<AskResult> | AskResult;
  /** What the session should remember if this candidate answers. */
  entities?: GraphNode[];
  predicate?: string;
}

/**
 * A comparison, extreme or list exists only when the question's grammar asked for one, so it
 * outranks the single facts of the entities it was built from.
 */
export function isSetAnswer(c: Candidate | undefined): boolean {
  return c?.kind === 'compare' || c?.kind === 'side-by-side' || c?.kind === 'extreme' || c?.kind === 'list';
}

export function preferSetAnswers(candidates: Candidate[], t: Thresholds) {
  const set = candidates.filter(isSetAnswer).sort((a, b) => b.confidence - a.confidence)[0];
  if (!set || set.confidence < t.setMin) return;
  // "国际二区都包括哪些国家" names the zone's own attribute: its value is the list asked for, not
  // the services that point at the zone.
  if (set.kind === 'list' && candidates.some((c) => c.kind.startsWith('graph:') && c.confidence >= t.graphExact))
    return;
  const others = candidates.filter((c) => c !== set).map((c) => c.confidence);
  set.confidence = Math.max(set.confidence, t.answer, Math.min(1, Math.max(0, ...others) + 0.01));
}

export function fallbackResult(suggestions: Suggestion[], confidence: number, lang: Language): AskResult {
  return { ...baseResult('fallback', confidence, lang, []), suggestions, answer: composeFallback(suggestions, lang) };
}

/** Builders of the answers the engine can give: graph facts, a policy passage, an FAQ. */
export function createCandidateBuilders(store: GraphStore) {
  /** A fact of an entity; with `hops`, reached from the entity the question named through relations. */
  function graphCandidate(g: GraphAnswer, confidence: number, lang: Language, hops: GraphAnswer[] = []): Candidate {
    return hops.length
      ? factsCandidate('graph:chain', [...hops, g], [hops[0]!.entity], undefined, confidence, lang)
      : factsCandidate(`graph:${g.predicate.info.item}`, [g], [g.entity], g.predicate.info.id, confidence, lang);
  }

  /** Facts read from the graph, one sentence per step (a hop, an entity of several side by side). */
  function factsCandidate(
    kind: string,
    steps: GraphAnswer[],
    named: GraphNode[],
    predicate: string | undefined,
    confidence: number,
    lang: Language,
  ): Candidate {
    return {
      kind,
      confidence,
      entities: named,
      predicate,
      build: () => ({
        ...baseResult('answered', confidence, lang, named),
        facts: steps.flatMap((s) => s.facts),
        citations: steps.flatMap((s) => {
          const label = labelOf(s.predicate.info, s.predicate.info.key, lang);
          return s.facts.map((f) => ({
            sourceId: f.source,
            title: s.entity.name,
            excerpt: `${f.subjectName} · ${label}: ${f.object}`,
            location: f.location,
            nodeId: f.subject,
          }));
        }),
        answer: steps.map((s) => composeGraphAnswer(s, lang)).join(lang === 'zh' ? '' : ' '),
      }),
    };
  }

  function passageCandidate(
    node: GraphNode,
    confidence: number,
    lang: Language,
    entity?: GraphNode,
    /** The relations that made the policy apply to the entity (entity → category → policy). */
    via: GraphRelationship[] = [],
    relationLabel: (type: string) => string = (type) => type,
  ): Candidate {
    return {
      kind: entity ? 'passage:scoped' : 'passage',
      confidence,
      entities: entity ? [entity] : [],
      build: async () => {
        const title = node.name.split(' > ')[0] ?? node.name;
        // The hops that made this policy apply (entity → category → …), as facts and as a sentence.
        const hops = via.filter((r) => r.type !== 'APPLIES_TO' && r.type !== 'MENTIONS');
        const names = new Map((await store.getNodes(hops.flatMap((r) => [r.from, r.to]))).map((n) => [n.id, n.name]));
        const facts: Fact[] = via.map((r) => ({
          subject: r.from,
          subjectName: names.get(r.from) ?? r.from,
          predicate: r.type,
          object: names.get(r.to) ?? r.to,
          source: r.source,
          location: r.location,
        }));
        const path = composePath(
          hops.map((r) => ({
            from: names.get(r.from) ?? r.from,
            relation: relationLabel(r.type),
            to: names.get(r.to) ?? r.to,
          })),
          lang,
        );
        return {
          ...baseResult('answered', confidence, lang, entity ? [entity] : []),
          facts,
          citations: [citeNode(node, node.name, node.text)],
          answer: `${path}${path && lang === 'en' ? ' ' : ''}${composePassage(title, node.text, lang)}`,
        };
      },
    };
  }

  function faqCandidate(hit: TermHit, confidence: number, lang: Language, entities: GraphNode[]): Candidate {
    return {
      kind: 'faq',
      confidence,
      entities,
      build: async () => {
        const node = await store.getNode(hit.target);
        if (!node) return fallbackResult([], 0, lang);
        return {
          ...baseResult('answered', confidence, lang, entities),
          citations: [citeNode(node, node.name, node.text)],
          answer: composeFaq(node.text, lang),
        };
      },
    };
  }

  return { graphCandidate, factsCandidate, passageCandidate, faqCandidate };
}

export type CandidateBuilders = ReturnType<typeof createCandidateBuilders>;
