import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import type { Candidate, CandidateBuilders } from './candidate.js';
import { chainReading } from './chain-reading.js';
import { choosePredicate } from './choose-predicate.js';
import type { Evidence } from './evidence.js';
import { entityContext } from './graph-context.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { namesSiblingQualifier } from './label-similarity.js';
import type { PredicateMatch, SynonymCheck } from './map-predicate.js';
import { baseResult, citeNode } from './result-parts.js';
import type { createRetrievalReadings } from './retrieval-readings.js';
import { calibrate, type Thresholds } from './thresholds.js';
import { type GraphAnswer, traverse } from './traverse.js';

export interface EntityReadingDeps {
  store: GraphStore;
  t: Thresholds;
  synonyms: SynonymCheck;
  builders: CandidateBuilders;
  retrieval: ReturnType<typeof createRetrievalReadings>;
}

/**
 * What the question's entities say about it: a fact of each (or of what it leads to), the policy and
 * FAQs that apply to it, its description, and for a comparison the same fact of each side by side.
 */
export async function entityReadings(
  e: Evidence,
  index: KnowledgeIndex,
  unexplained: boolean,
  deps: EntityReadingDeps,
): Promise<Candidate[]> {
  const { store, t, synonyms, builders } = deps;
  const { lang } = e;
  const out: Candidate[] = [];
  const last = e.recentPredicate ? index.schema.get(e.recentPredicate) : undefined;
  // By meaning alone, barely ahead of the entity's next predicate is a toss-up between them, unless
  // both say the same ("出生日期" / "出生时间" with one date).
  const tossUp = (p: PredicateMatch, entity: GraphNode) => {
    const value = entity.attributes[p.info.key]?.value;
    const same = value !== undefined && p.runnerUp && entity.attributes[p.runnerUp.key]?.value === value;
    return same ? 1 : Math.min(1, (p.lead ?? 1) / t.byMeaningLead);
  };
  const confidenceOf = (p: PredicateMatch, entity: GraphNode) =>
    p.via === 'label'
      ? t.graphExact
      : p.via === 'synonym' || (last && namesSiblingQualifier(last, p.info, e.question))
        ? t.byMeaningCap
        : Math.min(t.byMeaningCap, calibrate(p.score, t.predicate[lang])) * tossUp(p, entity);
  const asked = { labels: e.lexical, residual: e.rest, unexplained };
  const read: { graph: GraphAnswer; confidence: number }[] = [];
  for (const entity of e.entities.slice(0, 3)) {
    // What the entity leads to, when the question asks about that ("the office that manages X"):
    // first, so it wins a tie with the same attribute of the entity itself.
    const chain = await chainReading(
      entity,
      { ...asked, text: e.question },
      { store, index, synonyms, ownPredicates: e.ownPredicates },
    );
    if (chain)
      out.push(
        builders.graphCandidate(
          chain.answer,
          confidenceOf(chain.answer.predicate, chain.answer.entity),
          lang,
          chain.hops,
        ),
      );

    // A fact of the entity: the asked attribute or relation, by label or by meaning.
    const predicate = await choosePredicate(asked, await e.ownPredicates(entity), { store, synonyms });
    if (predicate) {
      const graph = await traverse(entity, predicate, store);
      if (graph) {
        const confidence = confidenceOf(predicate, entity);
        out.push(builders.graphCandidate(graph, confidence, lang));
        read.push({ graph, confidence });
      }
    }

    out.push(...(await deps.retrieval.scoped(e, await entityContext(store, entity), index)));

    // "X 是什么": the entity's own description.
    if (entity.text && !unexplained && e.lexical.length === 0) {
      out.push({
        kind: 'describe',
        confidence: t.describe,
        entities: [entity],
        build: () => ({
          ...baseResult('answered', t.describe, lang, [entity]),
          citations: [citeNode(entity, entity.name, entity.text)],
          answer: entity.text,
        }),
      });
    }
  }

  // "Who earns points faster, a gold or a diamond member?": the same attribute of each, side by side,
  // when it cannot be compared as one number (a rule, a time span) or the comparison read another
  // attribute. One entity's fact alone would answer half the question.
  // Equal values set nothing apart ("次日达和标准快递，首重哪个贵": both 1 kg; the price is asked).
  // Asked for each ("Fixed 12 和 Fixed 24 提前解约的费用各是多少"), both are said whatever they are.
  const id = read[0]?.graph.predicate.info.id;
  const same = read.filter((r) => r.graph.predicate.info.id === id);
  const values = new Set(same.map((r) => r.graph.facts.map((f) => String(f.object)).join('|')));
  if (id && same.length >= 2 && ((e.cues.compare && values.size > 1) || e.cues.each)) {
    const graphs = same.map((r) => r.graph);
    const confidence = Math.min(...same.map((r) => r.confidence));
    out.push(
      builders.factsCandidate(
        'side-by-side',
        graphs,
        graphs.map((g) => g.entity),
        id,
        confidence,
        lang,
      ),
    );
  }
  return out;
}
