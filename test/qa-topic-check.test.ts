import { describe, expect, it } from 'vitest';
import type { TermHit } from '../src/ports/graph-store.js';
import type { KnowledgeIndex } from '../src/qa/knowledge-index.js';
import { topicScore } from '../src/qa/topic-check.js';
import { createNameMatcher } from '../src/text/name-matcher.js';

const index = { entities: createNameMatcher([{ text: 'X1 降噪耳机', id: 'p-x1' }]) } as unknown as KnowledgeIndex;
const hit = (text: string, score: number): TermHit => ({
  id: 't',
  target: 'faq',
  kind: 'faq',
  text,
  source: 's',
  score,
});
// Stand-in similarity: 1 for the same text, 0.2 otherwise.
const similarity = async (a: string, b: string) => (a === b ? 1 : 0.2);

describe('topic check', () => {
  it('caps a hit that shares only the entity name with the question', async () => {
    expect(await topicScore(hit('X1 降噪耳机保修多久', 0.8), '有哪些颜色', index, similarity, 0.15)).toBeCloseTo(0.35);
  });
  it('leaves a hit on the same topic, or one naming no entity, as it was', async () => {
    expect(await topicScore(hit('X1 降噪耳机保修多久', 0.8), '保修多久', index, similarity, 0.15)).toBe(0.8);
    expect(await topicScore(hit('保修多久', 0.7), '有哪些颜色', index, similarity, 0.15)).toBe(0.7);
  });
  it('does not compare across scripts', async () => {
    expect(await topicScore(hit('X1 降噪耳机保修多久', 0.8), 'what colours', index, similarity, 0.15)).toBe(0.8);
  });
});
