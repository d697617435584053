import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import type { SessionState, SessionStore } from '../ports/session-store.js';
import { cleanText, matchKey } from '../ports/text-normalize.js';
import { getOrCreate } from '../util/get-or-create.js';
import { answerComparison, answerExtreme, answerList, answerSharedName, answerTypeList } from './answer-sets.js';
import { chainReading } from './chain-reading.js';
import { choosePredicate } from './choose-predicate.js';
import {
  composeClarify,
  composeFallback,
  composeFaq,
  composeGraphAnswer,
  composePassage,
  composePath,
} from './compose.js';
import { detectLanguage } from './detect-language.js';
import { composeEscalation, detectEscalation } from './escalation.js';
import { type EntityContext, entityContext, unrelatedTo } from './graph-context.js';
import { rerank } from './hybrid-rerank.js';
import { type KnowledgeIndex, type KnowledgeIndexCache, labelOf, type SchemaItemInfo } from './knowledge-index.js';
import { createLabelMatcher, createTextSimilarity, namesSiblingQualifier } from './label-similarity.js';
import { type EntityMention, linkEntities } from './link-entities.js';
import {
  mapPredicatesLexically,
  type PredicateMatch,
  predicatesOf,
  type Residual,
  residualOf,
  type SynonymCheck,
} from './map-predicate.js';
import { withQueryCache } from './query-cache.js';
import {
  asksKindOfLast,
  degreeWords,
  detectCues,
  namesJoined,
  possessedFirst,
  type QuestionCues,
} from './question-cues.js';
import { unexplainedContent, unknownCodes } from './residual-content.js';
import { dropLabelMentions, resolveByPredicate, resolveByWords } from './resolve-mentions.js';
import { baseResult, citeNode } from './result-parts.js';
import { queryVector, searchTerms } from './semantic-search.js';
import { calibrate, DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import { topicScore } from './topic-check.js';
import { type GraphAnswer, traverse } from './traverse.js';
import type { AskInput, AskResult, Fact, Language, Suggestion, TraceStep } from './types.js';

export interface QaDeps {
  store: GraphStore;
  embedder: Embedder;
  index: KnowledgeIndexCache;
  sessions: SessionStore;
  thresholds?: Thresholds;
  now?: () => number;
}

/** One possible answer and how sure the engine is of it; the most confident one wins. */
interface Candidate {
  kind: string;
  confidence: number;
  build(): Promise<AskResult> | AskResult;
  /** What the session should remember if this candidate answers. */
  entities?: GraphNode[];
  predicate?: string;
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
    const evidence = {
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

  interface Evidence {
    question: string;
    rest: Residual;
    ownPredicates: (entity: GraphNode) => Promise<SchemaItemInfo[]>;
    lang: Language;
    cues: QuestionCues;
    entities: GraphNode[];
    mentions: EntityMention[];
    lexical: PredicateMatch[];
    faqHits: TermHit[];
    sectionHits: TermHit[];
    /** The last turn's attribute, when this question names no entity and so continues that turn. */
    recentPredicate?: string;
  }

  async function collectCandidates(
    e: Evidence,
    out: Candidate[],
    index: Awaited<ReturnType<KnowledgeIndexCache['get']>>,
  ) {
    const { lang } = e;
    const { rest } = e;
    // Content beyond names, labels and question words: a list or a description would not answer it.
    const unexplained = unexplainedContent(rest.text, lang, index);

    // Sets: comparisons, extremes and lists over the entities the question names.
    const degree = e.cues.compare || e.cues.superlative ? degreeWords(e.question, lang) : '';
    const setInput = {
      recentPredicate: e.recentPredicate,
      store,
      index,
      entities: e.entities,
      lexical: e.lexical,
      residual: rest,
      cues: e.cues,
      lang,
      t,
      joined: namesJoined(matchKey(e.question), e.mentions),
      degree: degree ? residualOf(degree, [], embedder) : undefined,
    };
    if (e.cues.compare && e.entities.length >= 2) {
      const c = await answerComparison(setInput);
      if (c) out.push(c);
    }
    if (e.cues.list && e.entities.length === 0 && !unexplained) {
      const c = await answerTypeList(e.question, setInput);
      if (c) out.push(c);
    }
    const shared = e.mentions.find((m) => m.via === 'partial' && m.candidates.length > 1);
    if (e.cues.list && shared && e.entities.length === 0 && e.lexical.length === 0) {
      const c = answerSharedName(asWritten(shared.text, e.question), shared.candidates, setInput);
      if (c) out.push(c);
    }
    if ((e.cues.list || e.cues.superlative) && e.entities.length > 0) {
      const c = e.cues.superlative
        ? await answerExtreme(setInput)
        : unexplained
          ? undefined
          : await answerList(setInput);
      if (c) out.push(c);
    }

    const synonyms = synonymCheck(lang);
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
    const asked = { labels: e.lexical, residual: rest, unexplained: Boolean(unexplained) };
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
          graphCandidate(chain.answer, confidenceOf(chain.answer.predicate, chain.answer.entity), lang, chain.hop),
        );

      // A fact of the entity: the asked attribute or relation, by label or by meaning.
      const predicate = await choosePredicate(asked, await e.ownPredicates(entity), { store, synonyms });
      if (predicate) {
        const graph = await traverse(entity, predicate, store);
        if (graph) {
          const confidence = confidenceOf(predicate, entity);
          out.push(graphCandidate(graph, confidence, lang));
          read.push({ graph, confidence });
        }
      }

      // Multi-hop: policies that apply to the entity or what it belongs to, and FAQs about it.
      const ctx = await entityContext(store, entity);
      const section = await bestScopedSection(e.sectionHits, ctx, index);
      if (section) {
        const score = await topicScore(section.hit, rest.text, index, textSimilarity, t.sectionTopicSlack[lang]);
        const confidence = Math.min(
          t.retrievalCap,
          Math.max(
            calibrate(score, englishPair(lang, section.node) ? t.englishSection.scoped : t.scopedSection[lang]),
            await headingConfidence(e.question, section.node, lang),
          ),
        );
        const hop = (type: string) => labelOf(index.schema.get(`schema:relation:${type}`), type, lang);
        out.push(passageCandidate(section.node, confidence, lang, entity, section.via, hop));
      }
      const faqIds = new Set(ctx.faqs);
      const faq = e.faqHits.find((h) => faqIds.has(h.target));
      if (faq) {
        const score = await topicScore(faq, rest.text, index, textSimilarity, t.topicSlack[lang]);
        out.push(await faqCandidate(faq, Math.min(t.retrievalCap, calibrate(score, t.scoped[lang])), lang, [entity]));
      }

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
    const id = read[0]?.graph.predicate.info.id;
    const same = read.filter((r) => r.graph.predicate.info.id === id);
    const values = new Set(same.map((r) => r.graph.facts.map((f) => String(f.object)).join('|')));
    if (
      e.cues.compare &&
      id &&
      same.length >= 2 &&
      values.size > 1 &&
      !out.some((c) => c.kind === 'compare' && c.predicate === id)
    ) {
      const confidence = Math.min(...same.map((r) => r.confidence));
      const graphs = same.map((r) => r.graph);
      out.push(
        factsCandidate(
          'side-by-side',
          graphs,
          graphs.map((g) => g.entity),
          id,
          confidence,
          lang,
        ),
      );
    }

    // Global retrieval: the nearest FAQ and policy section, whatever the question names.
    const faq = e.faqHits[0];
    const lead = faq ? faq.score - (e.faqHits[1]?.score ?? 0) : 0;
    if (faq && !(await asksAboutOther(faq, e.entities, index))) {
      const topic = e.mentions.length
        ? await topicScore(faq, rest.text, index, textSimilarity, t.topicSlack[lang])
        : faq.score;
      const score = topic + t.faqMarginWeight * lead;
      out.push(await faqCandidate(faq, Math.min(t.retrievalCap, calibrate(score, t.faq[lang])), lang, e.entities));
    }
    const section = e.sectionHits[0];
    if (section) {
      const node = await store.getNode(section.target);
      const score = e.mentions.length
        ? await topicScore(section, rest.text, index, textSimilarity, t.sectionTopicSlack[lang])
        : section.score;
      if (node) {
        const scale = englishPair(lang, node) ? t.englishSection.passage : t.passage;
        const confidence = Math.max(calibrate(score, scale), await headingConfidence(e.question, node, lang));
        out.push(passageCandidate(node, Math.min(t.retrievalCap, confidence), lang));
      }
    }
  }

  /**
   * How plainly a section's own heading says what the question asks ("网上预约老是爽约会有什么后果" →
   * "预约与取号规则 > 爽约的后果"): a long section scores low against a short question even when its
   * heading is the question's topic. Same-script pairs only; a document's untitled opening has no heading.
   */
  async function headingConfidence(question: string, section: GraphNode, lang: Language): Promise<number> {
    const heading = String(section.attributes.heading?.value ?? '');
    if (!heading || !section.name.includes(' > ') || HAN.test(heading) !== HAN.test(question)) return 0;
    return calibrate(await textSimilarity(question, heading), t.sectionHeading[lang]);
  }

  /**
   * An FAQ question that names only other things of the same kind as the customer named, unrelated
   * to them, is about something else however alike the wording ("Is there parking at the Citizen
   * Center?" does not answer it for the Enterprise Service Center). Things of other kinds (a brand
   * beside a category) may well be what the FAQ covers.
   */
  async function asksAboutOther(hit: TermHit, named: GraphNode[], index: KnowledgeIndex): Promise<boolean> {
    if (named.length === 0) return false;
    const ids = [...new Set(index.entities.find(hit.text).flatMap((m) => m.ids))];
    const others = await store.getNodes(ids);
    const types = new Set(named.map((n) => n.type));
    if (others.length === 0 || !others.every((o) => types.has(o.type))) return false;
    return unrelatedTo(store, others, named);
  }

  /** The best-ranked section reachable from the entity: in a policy that applies to it, or naming it. */
  async function bestScopedSection(hits: TermHit[], ctx: EntityContext, index: KnowledgeIndex) {
    if (ctx.documents.length === 0 && ctx.sections.length === 0) return undefined;
    const byDoc = new Map(ctx.documents.map((d) => [d.id, d.via]));
    const bySection = new Map(ctx.sections.map((d) => [d.id, d.via]));
    for (const h of hits) {
      const direct = bySection.get(h.target);
      const node = await store.getNode(h.target);
      const viaDoc = node ? byDoc.get(String(node.attributes.document?.value ?? '')) : undefined;
      const via = viaDoc ?? direct;
      if (node && via && !(await headingNamesOther(node, ctx, index))) return { node, hit: h, via };
    }
    return undefined;
  }

  /**
   * A section whose heading names a group of the kind the entity belongs to, but not one of its own
   * ("Home insurance after the cooling-off period" for a car policy): the rule of a sibling group,
   * in a policy that applies to both.
   */
  async function headingNamesOther(section: GraphNode, ctx: EntityContext, index: KnowledgeIndex) {
    const heading = String(section.attributes.heading?.value ?? '');
    if (!heading) return false;
    const ids = [...new Set(index.entities.find(heading).flatMap((m) => m.ids))];
    if (ids.length === 0) return false;
    const own = new Set([ctx.entity.id, ...ctx.ancestors.map((a) => a.node.id)]);
    if (ids.some((id) => own.has(id))) return false;
    const groupTypes = new Set(ctx.ancestors.map((a) => a.node.type));
    const named = (await store.getNodes(ids)).filter((n) => groupTypes.has(n.type));
    return named.length > 0 && unrelatedTo(store, named, [ctx.entity]);
  }

  /** A fact of an entity; with `hop`, reached from the entity the question named through one relation. */
  function graphCandidate(g: GraphAnswer, confidence: number, lang: Language, hop?: GraphAnswer): Candidate {
    return hop
      ? factsCandidate('graph:chain', [hop, g], [hop.entity], undefined, confidence, lang)
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
    via: { from: string; type: string; to: string; source: string; location: string }[] = [],
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

  async function faqCandidate(
    hit: TermHit,
    confidence: number,
    lang: Language,
    entities: GraphNode[],
  ): Promise<Candidate> {
    return {
      kind: 'faq',
      confidence,
      entities,
      build: async () => {
        const node = await store.getNode(hit.target);
        if (!node) return fallback(undefined, 0, lang);
        return {
          ...baseResult('answered', confidence, lang, entities),
          citations: [citeNode(node, node.name, node.text)],
          answer: composeFaq(node.text, lang),
        };
      },
    };
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

  function fallback(e: Evidence | undefined, confidence: number, lang: Language = e?.lang ?? 'zh'): AskResult {
    const suggestions = e ? closestTopics(e.faqHits, e.sectionHits) : [];
    return { ...baseResult('fallback', confidence, lang, []), suggestions, answer: composeFallback(suggestions, lang) };
  }

  return { ask };
}

export type QaService = ReturnType<typeof createQaService>;

/**
 * A comparison, extreme or list exists only when the question's grammar asked for one, so it
 * outranks the single facts of the entities it was built from.
 */
function isSetAnswer(c: Candidate | undefined): boolean {
  return c?.kind === 'compare' || c?.kind === 'side-by-side' || c?.kind === 'extreme' || c?.kind === 'list';
}

function preferSetAnswers(candidates: Candidate[], t: Thresholds) {
  const set = candidates.filter(isSetAnswer).sort((a, b) => b.confidence - a.confidence)[0];
  if (!set || set.confidence < t.setMin) return;
  // "国际二区都包括哪些国家" names the zone's own attribute: its value is the list asked for, not
  // the services that point at the zone.
  if (set.kind === 'list' && candidates.some((c) => c.kind.startsWith('graph:') && c.confidence >= t.graphExact))
    return;
  const others = candidates.filter((c) => c !== set).map((c) => c.confidence);
  set.confidence = Math.max(set.confidence, t.answer, Math.min(1, Math.max(0, ...others) + 0.01));
}

const HAN = /\p{Script=Han}/u;

/** An English question about a section written in English (a Chinese name or two inside it aside). */
function englishPair(lang: Language, section: GraphNode): boolean {
  if (lang !== 'en') return false;
  const text = section.text ?? '';
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > 4 * han;
}

/**
 * A stretch of the match key ("pro power bank") as the customer wrote it ("Pro power bank"), for
 * saying it back; the key itself when it cannot be found.
 */
function asWritten(keyText: string, question: string): string {
  const words = keyText.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(words.join('[\\s\\p{P}\\p{S}]*'), 'iu').exec(question.normalize('NFKC'));
  return found ? found[0] : keyText;
}

/** Entities remembered across turns for follow-ups that name none. */
const RECENT = 5;

function nextSession(
  id: string,
  prev: SessionState | undefined,
  answered: Candidate | undefined,
  topic: string,
  at: number,
): SessionState {
  const answeredIds = answered?.entities?.map((e) => e.id) ?? [];
  return {
    id,
    lastEntities: answeredIds.length ? answeredIds : (prev?.lastEntities ?? []),
    recentEntities: [...new Set([...answeredIds, ...(prev?.recentEntities ?? prev?.lastEntities ?? [])])].slice(
      0,
      RECENT,
    ),
    lastPredicate: answered?.predicate ?? prev?.lastPredicate,
    lastTopic: answered ? topic : prev?.lastTopic,
    consecutiveFallbacks: answered ? 0 : (prev?.consecutiveFallbacks ?? 0) + 1,
    turns: (prev?.turns ?? 0) + 1,
    updatedAt: at,
  };
}

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
