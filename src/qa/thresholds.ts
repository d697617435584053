/**
 * Confidence calibration. Cosine similarities of the embedding model are mapped linearly from
 * `floor` (unrelated text scores about this) to `ceiling` (paraphrases score about this) onto 0..1.
 * The values are chosen from the demo dev set and re-checked on the external benchmarks
 * (see README, "Confidence"); the same values serve every pack.
 */
export interface Thresholds {
  floor: number;
  ceiling: number;
  /** Below this confidence the engine does not answer. */
  answer: number;
  /** Confidence of a graph fact reached through exact names and labels. */
  graphExact: number;
  /** Confidence of an entity description when only the entity was named. */
  describe: number;
  /** Passages are longer than questions, so their similarity is discounted. */
  passageFactor: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  floor: 0.45,
  ceiling: 0.9,
  answer: 0.6,
  graphExact: 0.95,
  describe: 0.7,
  passageFactor: 0.95,
};

export function calibrate(similarity: number, t: Thresholds): number {
  return clamp01((similarity - t.floor) / (t.ceiling - t.floor));
}

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
