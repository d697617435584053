import type { Embedder } from '../src/ports/embedder.js';

/**
 * Deterministic, model-free embedder for measuring graph-write throughput without model cost:
 * character unigrams and bigrams hashed (FNV-1a) into `dimension` buckets, L2-normalised.
 * 512 dimensions by default, the same as bge-small-zh, so both share one Neo4j vector index.
 */
export function createHashEmbedder(dimension = 512): Embedder {
  const embed = (text: string): Float32Array => {
    const v = new Float32Array(dimension);
    let prev = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      v[hash(c, 0x811c9dc5) % dimension]! += 1;
      if (prev) v[hash(c, hash(prev, 0x01000193)) % dimension]! += 1;
      prev = c;
    }
    let sq = 0;
    for (let i = 0; i < dimension; i++) sq += v[i]! * v[i]!;
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < dimension; i++) v[i]! *= inv;
    } else v[0] = 1; // never a zero vector: cosine indexes reject it
    return v;
  };
  return {
    modelId: `bench-hash-${dimension}`,
    dimension,
    init: async () => {},
    embedQuery: async (text) => embed(text),
    embedDocuments: async (texts) => texts.map(embed),
  };
}

function hash(value: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ ((value >>> (i * 8)) & 0xff), 0x01000193);
  }
  return h >>> 0;
}
