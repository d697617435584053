import type { GraphStore } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import type { SchemaItemInfo } from './knowledge-index.js';
import { labelRule } from './label-similarity.js';
import {
  mapPredicatesByMeaning,
  ownSynonyms,
  type PredicateMatch,
  type Residual,
  type SynonymCheck,
} from './map-predicate.js';
import { OWN_TERMS, searchTerms } from './semantic-search.js';

export interface PredicateQuestion {
  /** Every attribute/relation label found in the question, whoever has it. */
  labels: readonly PredicateMatch[];
  /** The question without the entity names. */
  residual: Residual;
  /** Whether the residual holds content beyond labels and question words. */
  unexplained: boolean;
}

export interface PredicateDeps {
  store: GraphStore;
  synonyms: SynonymCheck;
}

/** Characters a label needs before its presence in a question counts as asking for that predicate. */
const SPECIFIC_LABEL = 3;
/**
 * How much nearer in meaning another attribute must be before it replaces the one whose label the
 * question contains ("How much does the mouse weigh": "how much" is a label of the price).
 */
const OVERRIDE_MARGIN = 0.1;

/**
 * Which of an entity's own attributes and relations the question asks for: by a label in the
 * question, by a near-identical label of another predicate, or by meaning. Undefined when the
 * question asks for something the entity does not have.
 */
export async function choosePredicate(
  q: PredicateQuestion,
  own: readonly SchemaItemInfo[],
  deps: PredicateDeps,
): Promise<PredicateMatch | undefined> {
  const { store, synonyms } = deps;
  const ownIds = new Set(own.map((p) => p.id));
  const byMeaning = (candidates: SchemaItemInfo[], strict?: SynonymCheck) =>
    mapPredicatesByMeaning(q.residual, candidates, store, strict);

  let labelled = q.labels.filter((p) => ownIds.has(p.info.id));
  if (labelled.length > 1) {
    // Several labels in one question: the one nearest in meaning first.
    labelled = inOrderOf(labelled, await byMeaning(labelled.map((p) => p.info)));
  }
  if (labelled.length === 0 && q.labels.length > 0) {
    // The question's label belongs to other entities; the entity may hold the same thing under a
    // near-identical label ("书记" → "党委书记"). It must still pass the test a match by meaning
    // passes: the question as a whole is not nearer another predicate ("最新固件是哪个版本" is
    // not about "蓝牙版本").
    const named = await ownSynonyms([...new Set(q.labels.map((p) => p.text))], own, synonyms);
    labelled = named.length
      ? inOrderOf(
          named,
          await byMeaning(
            named.map((p) => p.info),
            synonyms,
          ),
          true,
        )
      : [];
  }
  const label = labelled[0];
  if (label) {
    if (!q.unexplained) return label;
    // The label explains only part of the question: another attribute may fit the whole better.
    const ranked = await byMeaning([...own]);
    const labelScore = ranked.find((r) => r.info.id === label.info.id)?.score ?? 0;
    const top = ranked[0];
    return top && top.info.id !== label.info.id && top.score > labelScore + OVERRIDE_MARGIN ? top : label;
  }
  // A label the question uses but the entity lacks ("电池毫安时" of a laptop without one): then no
  // other attribute may stand in for it by meaning. Only a specific label counts: in a large schema,
  // short everyday words ("地方", "类型") are some other entity's relation name and say nothing
  // about what this question lacks.
  // Unless one of the entity's own labels is as near to the question as a synonym would be
  // ("存五年的话利率是多少": "利率是多少" is another product's label, "存五年利息" this one's).
  let nearest: PredicateMatch | undefined;
  if (q.labels.some((p) => matchKey(p.text).length >= SPECIFIC_LABEL)) {
    [nearest] = await byMeaning([...own]);
    if (nearest && nearest.score >= synonyms.min) return nearest;
  } else {
    const [strict] = await byMeaning([...own], synonyms);
    if (strict) return strict;
  }
  if (q.labels.length === 0) return undefined;
  return standIn(q, nearest ?? (await byMeaning([...own]))[0], deps);
}

/** How far an own predicate must stand above the entity's others to stand in for a label it lacks. */
const STAND_IN_LEAD = 0.15;
/** How near its label must be to the label the question used. */
const STAND_IN_LABEL = 0.6;

/**
 * The question uses a label the entity lacks, but one of the entity's own predicates is by far the
 * nearest of its predicates and its label is akin to the one used ("谁翻译了…" of a book that has a
 * translator, "哪个国家的" of a film with a country of origin). In a schema with thousands of
 * predicates some other label is always nearer the question, so that test alone refused them.
 * Scored by the nearer of the two similarities, so the usual calibration decides whether it is
 * answered.
 */
async function standIn(
  q: PredicateQuestion,
  top: PredicateMatch | undefined,
  deps: PredicateDeps,
): Promise<PredicateMatch | undefined> {
  if (!top || (top.lead ?? 1) < STAND_IN_LEAD) return undefined;
  const asked = new Set(q.labels.map((p) => p.text));
  // The question asks for more than the predicate says ("降噪深度" of a headset that only has "降噪").
  const ownTerms = await searchTerms(deps.store, await q.residual.vector(), {
    k: OWN_TERMS,
    kinds: ['attribute', 'relation'],
    targets: [top.info.id],
  });
  if ([...asked].some((a) => ownTerms.some((t) => labelRule(a, t.text) === 0))) return undefined;
  let akin = 0;
  for (const text of asked) {
    const [m] = await deps.synonyms.match(text, [top.info], q.residual.text);
    akin = Math.max(akin, m?.score ?? 0);
  }
  return akin >= STAND_IN_LABEL ? { ...top, score: Math.max(top.score, akin) } : undefined;
}

/** `items` in the order of `ranked` (by schema id); with `only`, those `ranked` lacks are dropped. */
function inOrderOf(items: PredicateMatch[], ranked: PredicateMatch[], only = false): PredicateMatch[] {
  const order = new Map(ranked.map((p, i) => [p.info.id, i]));
  return items
    .filter((p) => !only || order.has(p.info.id))
    .sort((a, b) => (order.get(a.info.id) ?? 99) - (order.get(b.info.id) ?? 99));
}
