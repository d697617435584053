import type { Embedder } from '../../src/ports/embedder.js';

export interface BilingualEmbedderOptions {
  /** The model for Chinese (and the one that carries Chinese↔English signal). */
  zh: Embedder;
  /** An English model: far better than a Chinese-first model on English phrasing. */
  en: Embedder;
  /** Weight of the Chinese model's similarity for English queries; the English model gets the rest. */
  zhWeightForEnglish?: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * Two models in one vector space: every text is embedded by both and stored as both halves (each
 * half scaled by 1/√2, so the whole is a unit vector). A query weights the halves by its language, so
 * a Chinese query scores exactly as with the Chinese model alone and an English query mostly with the
 * English one. Both graph stores search it unchanged; `similarityScale` undoes the fixed scaling so
 * scores stay cosine-like for calibration.
 */
export function createBilingualEmbedder(opts: BilingualEmbedderOptions): Embedder {
  const { zh, en } = opts;
  const w = opts.zhWeightForEnglish ?? 0.3;
  const weights = (text: string): [number, number] => (HAN.test(text) ? [1, 0] : [w, 1 - w]);
  const half = Math.SQRT1_2;

  const join = (a: Float32Array, b: Float32Array, wa: number, wb: number): Float32Array => {
    const out = new Float32Array(a.length + b.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]! * wa;
    for (let i = 0; i < b.length; i++) out[a.length + i] = b[i]! * wb;
    return out;
  };

  return {
    get modelId() {
      return `${zh.modelId}+${en.modelId}`;
    },
    get dimension() {
      return zh.dimension + en.dimension;
    },
    async init() {
      await zh.init();
      await en.init();
    },
    async embedDocuments(texts) {
      // One model after the other: on two cores, running both at once only adds contention.
      const a = await zh.embedDocuments(texts);
      const b = await en.embedDocuments(texts);
      return a.map((v, i) => join(v, b[i]!, half, half));
    },
    async embedQuery(text) {
      const [wz, we] = weights(text);
      const norm = Math.hypot(wz, we);
      const a = await zh.embedQuery(text);
      const b = we > 0 ? await en.embedQuery(text) : new Float32Array(en.dimension);
      return join(a, b, wz / norm, we / norm);
    },
    similarityScale(text) {
      // score = (wz·cos_zh + we·cos_en) / (√2·|w|) for unit halves; this factor maps it back.
      const [wz, we] = weights(text);
      return (wz + we) / (Math.SQRT2 * Math.hypot(wz, we));
    },
    async close() {
      await zh.close?.();
      await en.close?.();
    },
  };
}
