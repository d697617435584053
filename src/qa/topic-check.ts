import type { TermHit } from '../ports/graph-store.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { residual } from './map-predicate.js';

const HAN = /\p{Script=Han}/u;

/**
 * A retrieved FAQ question (or policy section) that names an entity the customer's question also
 * names is near it partly because of the shared name: 「X1 保修多久」 is near 「X1 有哪些颜色」 for the
 * X1 alone. What the two ask about, with entity names cut from both, must be near too; the hit's
 * score is capped at that topic similarity plus a slack. Across languages the query-to-query
 * similarity of the models is not comparable, so only same-script pairs are checked.
 */
export async function topicScore(
  hit: TermHit,
  questionResidual: string,
  index: KnowledgeIndex,
  similarity: (a: string, b: string) => Promise<number>,
  /** How far the hit's score may stand above the topic similarity (see thresholds.ts). */
  slack: number,
): Promise<number> {
  const names = index.entities.find(hit.text);
  if (names.length === 0 || !questionResidual) return hit.score;
  const hitResidual = residual(hit.text, names);
  if (!hitResidual || HAN.test(hitResidual) !== HAN.test(questionResidual)) return hit.score;
  return Math.min(hit.score, (await similarity(questionResidual, hitResidual)) + slack);
}
