import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import type { SessionStore } from '../ports/session-store.js';
import { cleanText, matchKey } from '../ports/text-normalize.js';
import { getOrCreate } from '../util/get-or-create.js';
import { type Candidate, createCandidateBuilders, fallbackResult, isSetAnswer, preferSetAnswers } from './candidate.js';
import { choosePredicate } from './choose-predicate.js';
import { composeClarify } from './compose.js';
import { detectLanguage } from './detect-language.js';
import { entityReadings } from './entity-readings.js';
import { composeEscalation, detectEscalation } from './escalation.js';
import type { Evidence } from './evidence.js';
import { rerank } from './hybrid-rerank.js';
import type { KnowledgeIndex, KnowledgeIndexCache, SchemaItemInfo } from './knowledge-index.js';
import { createLabelMatcher, createTextSimilarity } from './label-similarity.js';
import { type EntityMention, linkEntities } from './link-entities.js';
import { mapPredicatesLexically, predicatesOf, residualOf, type SynonymCheck } from './map-predicate.js';
import { withQueryCache } from './query-cache.js';
import { asksKindOfLast, detectCues, possessedFirst } from './question-cues.js';
import { unexplainedContent, unknownCodes } from './residual-content.js';
import { dropLabelMentions, resolveByPredicate, resolveByWords } from './resolve-mentions.js';
import { baseResult } from './result-parts.js';
import { createRetrievalReadings } from './retrieval-readings.js';
import { queryVector, searchTerms } from './semantic-search.js';
import { nextSession } from './session-memory.js';
import { setReadings } from './set-readings.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import type { AskInput, AskResult, Language, Suggestion, TraceStep } from './types.js';
import { asWritten } from './written-form.js';

export interface QaDeps {
  store: GraphStore;
  embedder: Embedder;
  index: KnowledgeIndexCache;
  sessions: SessionStore;
  thresholds?: Thresholds;
  now?: () => number;
}

/**
 * The question-answering pipeline: normalise → language → link → map → traverse/retrieve →
 * compose → score. Answers come only from the graph; below the confidence bar it says so.
 */
export function createQaService(deps: QaDeps) {
  const { store, sessions } = deps;
  const embedder = withQueryCache(deps.embedder);
  const t = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const now = deps.now ?? Date.now;
  const labelMatcher = createLabelMatcher(store, embedder);
  const textSimilarity = createTextSimilarity(embedder);

  const synonymCheck = (lang: Language): SynonymCheck => ({ match: labelMatcher, min: t.synonym[lang] });
  const builders = createCandidateBuilders(store);
  const retrieval = createRetrievalReadings({ store, t, textSimilarity, builders });

  async function ask(input: AskInput, followUpOf?: string): Promise<AskResult> {
    const trace: TraceStep[] = [];
    const step = async <T>(stage: string, fn: () => Promise<T> | T, detail?: (r: T) => unknown): Promise<T> => {
      const started = performance.now();
      const r = await fn();
      trace.push({ stage, ms: Math.round((performance.now() - started) * 100) / 100, detail: detail ? detail(r) : r });
      return r;
    };

    const question = await step('normalize', () => cleanText(input.question));
    const lang = await step('language', () => input.language ?? detectLanguage(question));
    const cues = detectCues(question, lang);
    const index = await deps.index.get();
    const session = input.sessionId ? await sessions.get(input.sessionId) : undefined;
    const qv = await queryVector(embedder, question);

    // An entity's own predicates are read once per question: mention resolution and mapping both need them.
    const owned = new Map<string, Promise<SchemaItemInfo[]>>();
    const ownPredicates = (n: GraphNode) => getOrCreate(owned, n.id, () => predicatesOf(store, n, index));
    const owns = async (n: GraphNode) => new Set((await ownPredicates(n)).map((p) => p.id));
    const linked = await step(
      'link',
      () =>
        linkEntities(question, index, store, () => searchTerms(store, qv, { k: 12, kinds: ['entity'] }), {
          // A code the knowledge base never saw ("X3") makes "X3 降噪耳机" a different product, not part of a known name.
          partial: unknownCodes(question, index).length === 0,
        }),
      (ms) => ms.map((m) => ({ text: m.text, candidates: m.candidates.map((c) => c.id), via: m.via })),
    );
    const mentions = await dropLabelMentions(question, linked, index, owns);
    let entities = dedupe(
      possessedFirst(matchKey(question), mentions)
        .filter((m) => m.candidates.length === 1)
        .map((m) => m.candidates[0]!),
    );
    let ambiguous = mentions.find((m) => m.candidates.length > 1);
    const lexical = await step(
      'map',
      () => mapPredicatesLexically(question, index, mentions),
      (ps) => ps.map((p) => ({ id: p.info.id, text: p.text })),
    );
    // What the question asks about its entities; embedded once, on first use, for every reading.
    const rest = residualOf(question, mentions, embedder);
    if (ambiguous) {
      const asked = { labels: lexical, residual: rest, unexplained: false };
      const deps = { store, synonyms: synonymCheck(lang) };
      const only =
        resolveByWords(ambiguous, question) ??
        (await resolveByPredicate(
          ambiguous,
          async (c) => (await choosePredicate(asked, await ownPredicates(c), deps)) !== undefined,
        ));
      if (only) {
        trace.push({ stage: 'disambiguate', ms: 0, detail: { name: ambiguous.text, chosen: only.id } });
        entities = dedupe([only, ...entities]);
        ambiguous = undefined;
      }
    }

    // Multi-turn. "那 X2 呢" / "And the X2?" names only an entity: ask the last question again about
    // it. "它的保修期多久" / "能分期吗" names none: it is about the last turn's entity.
    if (
      !followUpOf &&
      session?.lastTopic &&
      mentions.length > 0 &&
      lexical.length === 0 &&
      !unexplainedContent(rest.text, lang, index)
    ) {
      const rewritten = `${mentions.map((m) => m.text).join(' ')} ${session.lastTopic}`;
      const r = await ask({ ...input, question: rewritten }, question);
      r.trace?.unshift({ stage: 'follow-up', ms: 0, detail: { asked: question, as: rewritten } });
      return r;
    }
    const backToLast = asksKindOfLast(matchKey(question), mentions, lang);
    if ((mentions.length === 0 || backToLast) && session?.lastEntities.length) {
      // A comparison naming nothing compares the entities of the last turns, not just the last one.
      const compared = session.lastEntities.length > 1 ? session.lastEntities : (session.recentEntities ?? []);
      entities = await store.getNodes(cues.compare ? compared.slice(0, 2) : session.lastEntities.slice(0, 1));
    }

    const [faqHits, sectionHits] = await step(
      'retrieve',
      () =>
        Promise.all([
          searchTerms(store, qv, { k: 60, kinds: ['faq'] }).then((h) => rerank(h, question, index)),
          searchTerms(store, qv, { k: 300, kinds: ['section'] }).then((h) => rerank(h, question, index)),
        ]),
      ([f, s]) => ({ faq: f.slice(0, 5).map(hitSummary), section: s.slice(0, 5).map(hitSummary) }),
    );

    const candidates: Candidate[] = [];
    const evidence: Evidence = {
      question,
      rest,
      ownPredicates,
      lang,
      cues,
      entities,
      mentions,
      lexical,
      faqHits,
      sectionHits,
      recentPredicate: mentions.length === 0 ? session?.lastPredicate : undefined,
    };
    await step(
      'traverse',
      () => collectCandidates(evidence, candidates, index),
      () => candidates.map((c) => ({ kind: c.kind, confidence: round(c.confidence) })),
    );
    if (input.debug) {
      // Knowledge engineers (and calibration) see every reading the engine weighed, not just the winner.
      const weighed = await Promise.all(
        candidates.map(async (c) => ({
          kind: c.kind,
          confidence: round(c.confidence),
          answer: (await c.build()).answer.slice(0, 300),
        })),
      );
      trace.push({ stage: 'candidates', ms: 0, detail: weighed });
    }

    preferSetAnswers(candidates, t);
    const unknown = unknownCodes(question, index);
    if (unknown.length) {
      // The question names a model or code the knowledge base has never seen: whatever matched, it
      // is about something else.
      for (const c of candidates) c.confidence *= t.unknownNamePenalty;
      trace.push({ stage: 'unknown-names', ms: 0, detail: unknown });
    }
    const best = candidates.sort((a, b) => b.confidence - a.confidence)[0];
    const escalation = detectEscalation(question, lang, session?.consecutiveFallbacks ?? 0);
    const result = await step(
      'compose',
      async () => {
        if (escalation && (escalation.reason !== 'repeated_fallback' || !best || best.confidence < t.answer)) {
          // The answer, if any, still goes along so the agent sees what the customer was told.
          const answered = best && best.confidence >= t.answer ? await best.build() : undefined;
          return {
            ...(answered ?? baseResult('escalated', 1, lang, entities)),
            status: 'escalated' as const,
            escalation,
            answer: composeEscalation(escalation, lang) + (answered ? `\n\n${answered.answer}` : ''),
          };
        }
        // A name shared by several entities is asked back, unless the grammar asked for a set of them;
        // another name beside it does not settle which one is meant ("白金卡能在 Visa 的商户刷吗").
        if (ambiguous && !isSetAnswer(best)) return clarify(ambiguous, question, lang);
        if (best && best.confidence >= t.answer) return best.build();
        return fallback(evidence, best?.confidence ?? 0);
      },
      (r) => ({ status: r.status, confidence: r.confidence }),
    );
    if (input.sessionId) {
      const answered = result.status === 'answered' ? best : undefined;
      await sessions.set(nextSession(input.sessionId, session, answered, rest.text, now()));
      result.sessionId = input.sessionId;
    }
    if (input.debug) result.trace = trace;
    return result;
  }

  async function collectCandidates(e: Evidence, out: Candidate[], index: KnowledgeIndex) {
    // Content beyond names, labels and question words: a list or a description would not answer it.
    const unexplained = unexplainedContent(e.rest.text, e.lang, index);
    const sets = await setReadings(e, index, unexplained, { store, embedder, t });
    const own = await entityReadings(e, index, Boolean(unexplained), {
      store,
      t,
      synonyms: synonymCheck(e.lang),
      builders,
      retrieval,
    });
    // The side-by-side reading is for what the comparison could not read as one number.
    const compared = new Set(sets.filter((c) => c.kind === 'compare').map((c) => c.predicate));
    const sideBySideNeeded = (c: Candidate) => c.kind !== 'side-by-side' || !compared.has(c.predicate);
    out.push(...sets, ...own.filter(sideBySideNeeded), ...(await retrieval.global(e, index)));
  }

  function clarify(m: EntityMention, question: string, lang: Language): AskResult {
    const suggestions = m.candidates.map((c) => ({ id: c.id, text: describeCandidate(c), kind: 'entity' as const }));
    return {
      ...baseResult('clarify', 0.5, lang, []),
      suggestions,
      answer: composeClarify(
        asWritten(m.text, question),
        suggestions.map((s) => s.text),
        lang,
      ),
    };
  }

  function fallback(e: Evidence, confidence: number): AskResult {
    return fallbackResult(closestTopics(e.faqHits, e.sectionHits), confidence, e.lang);
  }

  return { ask };
}

export type QaService = ReturnType<typeof createQaService>;

function dedupe(nodes: GraphNode[]): GraphNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => !seen.has(n.id) && seen.add(n.id));
}

function describeCandidate(n: GraphNode): string {
  const hint = n.aliases.find((a) => a !== n.name) ?? n.type;
  return hint ? `${n.name}（${hint}）` : n.name;
}

function closestTopics(faqHits: TermHit[], sectionHits: TermHit[]): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const h of [...faqHits.slice(0, 2), ...sectionHits.slice(0, 1)]) {
    if (seen.has(h.target)) continue;
    seen.add(h.target);
    out.push({
      id: h.target,
      text: h.kind === 'section' ? h.text.split('：')[0]! : h.text,
      kind: h.kind === 'faq' ? 'faq' : 'section',
    });
  }
  return out;
}

function hitSummary(h: TermHit) {
  return { target: h.target, text: h.text.slice(0, 60), score: round(h.score) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
