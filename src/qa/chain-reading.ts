import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import { choosePredicate, type PredicateQuestion } from './choose-predicate.js';
import { type KnowledgeIndex, namedKinds, type SchemaItemInfo } from './knowledge-index.js';
import { mapPredicatesByMeaning, type PredicateMatch, type SynonymCheck } from './map-predicate.js';
import { type GraphAnswer, traverse } from './traverse.js';

/** Facts in a row: the entity's relation to one other entity (and on), then what is asked of the last. */
export interface ChainAnswer {
  hops: GraphAnswer[];
  answer: GraphAnswer;
}

/** Relations followed before the asked fact: "the city of the centre of the teacher of course X" is three. */
const MAX_HOPS = 3;

export interface ChainDeps {
  store: GraphStore;
  index: KnowledgeIndex;
  synonyms: SynonymCheck;
  ownPredicates: (entity: GraphNode) => Promise<SchemaItemInfo[]>;
}

/**
 * "What's the phone number of the office that manages the Qiushi Apartments?", "X 所属品类的保修期":
 * the question asks about what the named entity leads to, not about the entity. It points at the
 * hop by naming the relation ("所属品类") or the kind of entity at its end ("the office", other than
 * the entity's own kind), and the relation must lead to exactly one entity; then the attribute asked
 * for is read on that entity, as for any entity. Undefined when the question does not read that way.
 * The entity reached may lead on the same way ("雅思冲刺班的主讲老师在哪个学习中心": course → teacher →
 * centre); then the last entity reached is the answer when nothing else is asked of it.
 */
export async function chainReading(
  entity: GraphNode,
  question: PredicateQuestion & { text: string },
  deps: ChainDeps,
  depth = MAX_HOPS,
): Promise<ChainAnswer | undefined> {
  const { store, index } = deps;
  const relations = (await deps.ownPredicates(entity)).filter((p) => p.item === 'relation');
  if (relations.length === 0) return undefined;
  const kinds = namedKinds(index, question.text);
  kinds.delete(entity.type);
  const named = new Set(question.labels.filter((p) => p.info.item === 'relation').map((p) => p.info.id));
  // Most questions name neither: no graph reads for them.
  if (kinds.size === 0 && !relations.some((r) => named.has(r.id))) return undefined;

  const hops: { info: SchemaItemInfo; hop: GraphAnswer; byName: boolean }[] = [];
  for (const info of relations) {
    const byName = named.has(info.id);
    if (!byName && kinds.size === 0) continue;
    // The entity's own fact ("X belongs to category C"), not one that points at it (C's members).
    const hop = await traverse(entity, asMatch(info), store, 'out');
    const target = hop?.facts.length === 1 ? hop.related[0] : undefined;
    if (!hop || !target || target.kind !== 'entity' || !(byName || kinds.has(target.type))) continue;
    hops.push({ info, hop, byName });
  }
  let chosen = hops.find((h) => h.byName) ?? (hops.length === 1 ? hops[0] : undefined);
  if (!chosen && hops.length > 1) {
    // Several relations lead to that kind ("the office that handles admissions" / "… manages it").
    const [best] = await mapPredicatesByMeaning(
      question.residual,
      hops.map((h) => h.info),
      store,
    );
    chosen = hops.find((h) => h.info.id === best?.info.id);
  }
  if (!chosen) return undefined;

  const target = chosen.hop.related[0]!;
  const rest = { ...question, labels: question.labels.filter((p) => p.info.id !== chosen.info.id) };
  if (depth > 1) {
    const further = await chainReading(target, rest, deps, depth - 1);
    if (further) return { hops: [chosen.hop, ...further.hops], answer: further.answer };
  }
  // An attribute of the target: its relations point every way, back to the entity too.
  const attributes = (await deps.ownPredicates(target)).filter((p) => p.item === 'attribute');
  const asked = await choosePredicate(rest, attributes, deps);
  if (asked) {
    const answer = await traverse(target, asked, store);
    return answer ? { hops: [chosen.hop], answer } : undefined;
  }
  // A second hop asking nothing of where it leads asked for that place ("…的主讲老师在哪个学习中心").
  return depth < MAX_HOPS ? { hops: [], answer: chosen.hop } : undefined;
}

const asMatch = (info: SchemaItemInfo): PredicateMatch => ({ info, text: info.key, via: 'label', score: 1 });
