import { matchKey } from '../ports/text-normalize.js';

/** Han characters as bigrams, Latin/digit runs as words: units that carry meaning in either script. */
export function lexicalUnits(text: string): string[] {
  const key = matchKey(text);
  const units: string[] = [];
  for (const run of key.match(/[a-z0-9]+|[^a-z0-9\s]+/g) ?? []) {
    if (/^[a-z0-9]+$/.test(run)) {
      if (run.length > 1 && !STOP.has(run)) units.push(run);
    } else if (run.length === 1) units.push(run);
    else for (let i = 0; i + 1 < run.length; i++) units.push(run.slice(i, i + 2));
  }
  return units;
}

// Function words carry no topic; without them "how do i" would match every FAQ.
const STOP = new Set(
  'the a an is are was were be to of in on for and or with my your our i you we it its can could do does did how what which who when where why will would should may might this that these those there have has had me us at by from as if about into any some'.split(
    ' ',
  ),
);

/**
 * IDF-weighted share of the question's units that a text contains: a hybrid signal beside the
 * embedding, strong exactly where the small model is weak (rare terms, codes, policy wording).
 */
export function createOverlapScorer(corpus: Iterable<string>) {
  const df = new Map<string, number>();
  let n = 0;
  for (const text of corpus) {
    n++;
    for (const u of new Set(lexicalUnits(text))) df.set(u, (df.get(u) ?? 0) + 1);
  }
  const idf = (u: string) => Math.log(1 + n / (1 + (df.get(u) ?? 0)));
  return (question: string, text: string): number => {
    const q = [...new Set(lexicalUnits(question))];
    if (q.length === 0) return 0;
    const t = new Set(lexicalUnits(text));
    let hit = 0;
    let all = 0;
    for (const u of q) {
      const w = idf(u);
      all += w;
      if (t.has(u)) hit += w;
    }
    return hit / all;
  };
}

export type OverlapScorer = ReturnType<typeof createOverlapScorer>;
