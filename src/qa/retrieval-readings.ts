import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import type { Candidate, CandidateBuilders } from './candidate.js';
import type { Evidence } from './evidence.js';
import { type EntityContext, unrelatedTo } from './graph-context.js';
import { type KnowledgeIndex, labelOf } from './knowledge-index.js';
import { calibrate, type Thresholds } from './thresholds.js';
import { topicScore } from './topic-check.js';
import type { Language } from './types.js';

export interface RetrievalDeps {
  store: GraphStore;
  t: Thresholds;
  textSimilarity: (a: string, b: string) => Promise<number>;
  builders: CandidateBuilders;
}

/** Readings by retrieval: policy sections and FAQs, near the question's entity or anywhere in the pack. */
export function createRetrievalReadings(deps: RetrievalDeps) {
  const { store, t, textSimilarity, builders } = deps;

  /** Multi-hop: the policy that applies to the entity or what it belongs to, and FAQs about it. */
  async function scoped(e: Evidence, ctx: EntityContext, index: KnowledgeIndex): Promise<Candidate[]> {
    const { lang, rest } = e;
    const out: Candidate[] = [];
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
      out.push(builders.passageCandidate(section.node, confidence, lang, ctx.entity, section.via, hop));
    }
    const faqIds = new Set(ctx.faqs);
    const faq = e.faqHits.find((h) => faqIds.has(h.target));
    if (faq) {
      const score = await topicScore(faq, rest.text, index, textSimilarity, t.topicSlack[lang]);
      out.push(
        builders.faqCandidate(faq, Math.min(t.retrievalCap, calibrate(score, t.scoped[lang])), lang, [ctx.entity]),
      );
    }
    return out;
  }

  /** The nearest FAQ and policy section, whatever the question names. */
  async function global(e: Evidence, index: KnowledgeIndex): Promise<Candidate[]> {
    const { lang, rest } = e;
    const out: Candidate[] = [];
    const faq = e.faqHits[0];
    const lead = faq ? faq.score - (e.faqHits[1]?.score ?? 0) : 0;
    if (faq && !(await asksAboutOther(faq, e.entities, index))) {
      const topic = e.mentions.length
        ? await topicScore(faq, rest.text, index, textSimilarity, t.topicSlack[lang])
        : faq.score;
      const score = topic + t.faqMarginWeight * lead;
      out.push(builders.faqCandidate(faq, Math.min(t.retrievalCap, calibrate(score, t.faq[lang])), lang, e.entities));
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
        out.push(builders.passageCandidate(node, Math.min(t.retrievalCap, confidence), lang));
      }
    }
    return out;
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

  return { scoped, global };
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
