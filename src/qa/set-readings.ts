import type { Embedder } from '../ports/embedder.js';
import type { GraphStore } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { answerComparison, answerExtreme, answerList, answerSharedName, answerTypeList } from './answer-sets.js';
import type { Candidate } from './candidate.js';
import type { Evidence } from './evidence.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { residualOf } from './map-predicate.js';
import { degreeWords, namesJoined, namesKindsAsked } from './question-cues.js';
import type { Thresholds } from './thresholds.js';
import { asWritten } from './written-form.js';

export interface SetReadingDeps {
  store: GraphStore;
  embedder: Embedder;
  t: Thresholds;
}

/**
 * Sets: comparisons, extremes and lists over the entities the question names, or over a kind or a
 * shared name when it names none. `unexplained` is content beyond names, labels and question words:
 * a list of a named group would not answer it, a list of a kind is narrowed by it.
 */
export async function setReadings(
  e: Evidence,
  index: KnowledgeIndex,
  unexplained: string,
  deps: SetReadingDeps,
): Promise<Candidate[]> {
  const { lang } = e;
  const out: Candidate[] = [];
  const degree = e.cues.compare || e.cues.superlative ? degreeWords(e.question, lang) : '';
  const input = {
    recentPredicate: e.recentPredicate,
    store: deps.store,
    index,
    entities: e.entities,
    lexical: e.lexical,
    residual: e.rest,
    cues: e.cues,
    lang,
    t: deps.t,
    joined: namesJoined(matchKey(e.question), e.mentions),
    degree: degree ? residualOf(degree, [], deps.embedder) : undefined,
  };
  const push = (c: Candidate | undefined) => c && out.push(c);
  if (e.cues.compare && e.entities.length >= 2) push(await answerComparison(input));
  // A word several names share ("分时电价的套餐有哪几个") narrows the kind to those names.
  const shared = e.mentions.find((m) => m.via === 'partial' && m.candidates.length > 1);
  const sharedList =
    e.cues.list && shared && e.entities.length === 0 && e.lexical.length === 0
      ? answerSharedName(asWritten(shared.text, e.question), shared.candidates, input)
      : undefined;
  const kindList = e.cues.list || namesKindsAsked(matchKey(e.question), index.types.find(e.question));
  if (kindList && e.entities.length === 0 && !sharedList) push(await answerTypeList(e.question, input, unexplained));
  push(sharedList);
  if ((e.cues.list || e.cues.superlative) && e.entities.length > 0) {
    if (e.cues.superlative) push(await answerExtreme(input));
    else if (!unexplained) push(await answerList(input));
  }
  return out;
}
