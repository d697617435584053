import type { Embedder } from '../ports/embedder.js';
import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import type { SessionState, SessionStore } from '../ports/session-store.js';
import { cleanText } from '../ports/text-normalize.js';
import { composeClarify, composeFallback, composeFaq, composeGraphAnswer, composePassage } from './compose.js';
import { detectLanguage } from './detect-language.js';
import { type KnowledgeIndexCache, labelOf } from './knowledge-index.js';
import { type EntityMention, linkEntities } from './link-entities.js';
import { mapPredicates, type PredicateMatch } from './map-predicate.js';
import { calibrate, DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import { type GraphAnswer, traverse } from './traverse.js';
import type { AskInput, AskResult, Citation, EntityRef, Language, Suggestion, TraceStep } from './types.js';

export interface QaDeps {
  store: GraphStore;
  embedder: Embedder;
  index: KnowledgeIndexCache;
  sessions: SessionStore;
  thresholds?: Thresholds;
  now?: () => number;
}

const EXCERPT = 240;

/**
 * The question-answering pipeline: normalise → language → link → map → traverse/retrieve →
 * compose → score. Answers come only from the graph; below the confidence bar it says so.
 */
export function createQaService(deps: QaDeps) {
  const { store, embedder, sessions } = deps;
  const t = deps.thresholds ?? DEFAULT_THRESHOLDS;
  const now = deps.now ?? Date.now;

  async function ask(input: AskInput): Promise<AskResult> {
    const trace: TraceStep[] = [];
    const step = async <T>(stage: string, fn: () => Promise<T> | T, detail?: (r: T) => unknown): Promise<T> => {
      const started = performance.now();
      const r = await fn();
      trace.push({ stage, ms: Math.round((performance.now() - started) * 100) / 100, detail: detail ? detail(r) : r });
      return r;
    };

    const question = await step('normalize', () => cleanText(input.question));
    const lang = await step('language', () => input.language ?? detectLanguage(question));
    const index = await deps.index.get();
    const session = input.sessionId ? await sessions.get(input.sessionId) : undefined;

    const mentions = await step('link', () => linkEntities(question, index, store), summariseMentions);
    const predicates = await step(
      'map',
      () => mapPredicates(question, index, mentions),
      (ps) => ps.map((p) => ({ id: p.info.id, text: p.text, via: p.via })),
    );
    const qv = await embedder.embedQuery(question);
    const [faqHits, sectionHits] = await step(
      'retrieve',
      () =>
        Promise.all([
          store.searchTerms(qv, { k: 5, kinds: ['faq'] }),
          store.searchTerms(qv, { k: 5, kinds: ['section'] }),
        ]),
      ([f, s]) => ({ faq: f.map(hitSummary), section: s.map(hitSummary) }),
    );

    // Multi-turn: a follow-up may name only the attribute ("它的保修期多久") or only the entity ("那 X2 呢").
    let entities = mentions.filter((m) => m.candidates.length === 1).map((m) => m.candidates[0]!);
    let predicate = predicates[0];
    if (entities.length === 0 && mentions.length === 0 && predicate && session?.lastEntities.length) {
      entities = await store.getNodes(session.lastEntities.slice(0, 1));
    }
    if (!predicate && entities.length > 0 && session?.lastPredicate && isFollowUp(question, mentions)) {
      const info = index.schema.get(session.lastPredicate);
      if (info) predicate = { info, text: info.key, via: 'label', score: 1 };
    }

    const graph = await step(
      'traverse',
      async () => (predicate ? firstGraphAnswer(entities, predicate) : undefined),
      (g) => g && { entity: g.entity.id, predicate: g.predicate.info.id, facts: g.facts.length },
    );

    const result = await step(
      'compose',
      () => decide({ question, lang, mentions, predicate, graph, entities, faqHits, sectionHits }),
      (r) => ({ status: r.status, confidence: r.confidence }),
    );
    if (input.sessionId) {
      await sessions.set(nextSession(input.sessionId, session, result, graph, predicate, now()));
      result.sessionId = input.sessionId;
    }
    if (input.debug) result.trace = trace;
    return result;
  }

  async function firstGraphAnswer(entities: GraphNode[], predicate: PredicateMatch): Promise<GraphAnswer | undefined> {
    for (const e of entities) {
      const a = await traverse(e, predicate, store);
      if (a) return a;
    }
    return undefined;
  }

  interface Evidence {
    question: string;
    lang: Language;
    mentions: EntityMention[];
    predicate: PredicateMatch | undefined;
    graph: GraphAnswer | undefined;
    entities: GraphNode[];
    faqHits: TermHit[];
    sectionHits: TermHit[];
  }

  async function decide(e: Evidence): Promise<AskResult> {
    const { lang } = e;
    const base = (status: AskResult['status'], confidence: number) => ({
      status,
      confidence: round(confidence),
      language: lang,
      citations: [] as Citation[],
      entities: e.entities.map(toRef),
      facts: [] as AskResult['facts'],
      suggestions: [] as Suggestion[],
    });

    if (e.graph) {
      const r = base('answered', t.graphExact);
      const label = labelOf(e.graph.predicate.info, e.graph.predicate.info.key, lang);
      r.facts = e.graph.facts;
      r.citations = e.graph.facts.map((f) => ({
        sourceId: f.source,
        title: e.graph!.entity.name,
        excerpt: `${f.subjectName} · ${label}: ${f.object}`,
        location: f.location,
        nodeId: f.subject,
      }));
      return { ...r, answer: composeGraphAnswer(e.graph, lang) };
    }

    const ambiguous = e.mentions.find((m) => m.candidates.length > 1);
    if (ambiguous && e.entities.length === 0) {
      const r = base('clarify', 0.5);
      r.suggestions = ambiguous.candidates.map((c) => ({
        id: c.id,
        text: describeCandidate(c),
        kind: 'entity' as const,
      }));
      return {
        ...r,
        answer: composeClarify(
          ambiguous.text,
          r.suggestions.map((s) => s.text),
          lang,
        ),
      };
    }

    const faq = e.faqHits[0];
    const section = e.sectionHits[0];
    const faqConf = faq ? calibrate(faq.score, t) : 0;
    const sectionConf = section ? calibrate(section.score, t) * t.passageFactor : 0;
    if (Math.max(faqConf, sectionConf) >= t.answer) {
      if (faqConf >= sectionConf) {
        const node = await store.getNode(faq!.target);
        if (node) {
          const r = base('answered', faqConf);
          r.citations = [citeNode(node, node.name, node.text)];
          return { ...r, answer: composeFaq(node.text, lang) };
        }
      } else {
        const node = await store.getNode(section!.target);
        if (node) {
          const r = base('answered', sectionConf);
          const title = node.name.split(' > ')[0] ?? node.name;
          r.citations = [citeNode(node, node.name, node.text)];
          return { ...r, answer: composePassage(title, node.text, lang) };
        }
      }
    }

    const only = e.entities[0];
    if (only && !e.predicate && e.entities.length === 1 && only.text) {
      const r = base('answered', t.describe);
      r.citations = [citeNode(only, only.name, only.text)];
      return { ...r, answer: only.text };
    }

    const r = base('fallback', Math.max(faqConf, sectionConf));
    r.suggestions = closestTopics(e.faqHits, e.sectionHits);
    return { ...r, answer: composeFallback(r.suggestions, lang) };
  }

  return { ask };
}

export type QaService = ReturnType<typeof createQaService>;

/** A short question that names an entity and nothing else reuses the last attribute asked for. */
function isFollowUp(question: string, mentions: EntityMention[]): boolean {
  const named = mentions.reduce((n, m) => n + (m.end - m.start), 0);
  return question.length - named <= 6;
}

function nextSession(
  id: string,
  prev: SessionState | undefined,
  result: AskResult,
  graph: GraphAnswer | undefined,
  predicate: PredicateMatch | undefined,
  at: number,
): SessionState {
  const answered = result.status === 'answered';
  return {
    id,
    lastEntities: answered && result.entities.length ? result.entities.map((e) => e.id) : (prev?.lastEntities ?? []),
    lastPredicate: graph?.predicate.info.id ?? predicate?.info.id ?? prev?.lastPredicate,
    turns: (prev?.turns ?? 0) + 1,
    updatedAt: at,
  };
}

function citeNode(node: GraphNode, title: string, text: string): Citation {
  const p = node.provenance[0]!;
  return { sourceId: p.source, title, excerpt: excerpt(text), location: p.location, nodeId: node.id };
}

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function toRef(n: GraphNode): EntityRef {
  return { id: n.id, name: n.name, type: n.type };
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

function summariseMentions(ms: EntityMention[]) {
  return ms.map((m) => ({ text: m.text, candidates: m.candidates.map((c) => c.id), via: m.via }));
}

function hitSummary(h: TermHit) {
  return { target: h.target, text: h.text.slice(0, 60), score: round(h.score) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
