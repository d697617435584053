import type { Embedder } from '../ports/embedder.js';
import type { GraphStore } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { answerComparison, answerExtreme, answerList, answerSharedName, answerTypeList } from './answer-sets.js';
import type { Candidate } from './candidate.js';
import type { Evidence } from './evidence.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { residualOf } from './map-predicate.js';
import { degreeWords, namesJoined } from './question-cues.js';
import type { Thresholds } from './thresholds.js';
import { asWritten } from './written-form.js';

export interface SetReadingDeps {
  store: GraphStore;
  embedder: Embedder;
  t: Thresholds;
}

/**
 * Sets: comparisons, extremes and lists over the entities the question names, or over a kind or a
 * shared name when it names none. `unexplained` is content beyond names, labels and question words,
 * which a list would not answer.
 */
export async function setReadings(
  e: Evidence,
  index: KnowledgeIndex,
  unexplained: boolean,
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
  if (e.cues.list && e.entities.length === 0 && !unexplained) push(await answerTypeList(e.question, input));
  const shared = e.mentions.find((m) => m.via === 'partial' && m.candidates.length > 1);
  if (e.cues.list && shared && e.entities.length === 0 && e.lexical.length === 0)
    push(answerSharedName(asWritten(shared.text, e.question), shared.candidates, input));
  if ((e.cues.list || e.cues.superlative) && e.entities.length > 0) {
    if (e.cues.superlative) push(await answerExtreme(input));
    else if (!unexplained) push(await answerList(input));
  }
  return out;
}
