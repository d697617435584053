import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../src/qa/thresholds.js';
import { usePack, weighed } from './support/temp-pack.js';

// Two attributes a question can only reach by meaning; in one tariff their values differ, in the other
// they are the same. Model-free (fake embedder).
const PACK = {
  'schema.yaml': `attributes:
  day_rate: { label: { zh: 白天电价, en: daytime unit rate } }
  night_rate: { label: { zh: 夜间电价, en: night unit rate } }
`,
  'tariffs.csv': `id,type,name,aliases,day_rate,night_rate
t-night,tariff,Nightsaver,,29.46,15.35
t-flat,tariff,Flat Saver,,24.86,24.86
`,
};

describe('confidence of a reading by meaning that barely leads the next one', () => {
  // Every by-meaning reading counts as barely ahead, so the scaling always shows.
  const strict = { ...DEFAULT_THRESHOLDS, byMeaningLead: 10 };
  const plain = usePack(PACK);
  const wary = usePack(PACK, strict);
  const graphConfidence = async (s: typeof plain, question: string) =>
    weighed(await s.services.qa.ask({ question, debug: true })).find((c) => c.kind === 'graph:attribute')?.confidence;

  it('is scaled down when the two nearest attributes say different things', async () => {
    const q = 'What does electricity cost on Nightsaver?';
    const before = await graphConfidence(plain, q);
    expect(before).toBeGreaterThan(0);
    expect(await graphConfidence(wary, q)).toBeLessThan(before!);
  });

  it('is kept when they say the same', async () => {
    const q = 'What does electricity cost on Flat Saver?';
    const before = await graphConfidence(plain, q);
    expect(before).toBeGreaterThan(0);
    expect(await graphConfidence(wary, q)).toBe(before);
  });
});
