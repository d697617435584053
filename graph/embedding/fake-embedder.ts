import type { Embedder } from '../../src/ports/embedder.js';
import { normalize } from './cosine.js';

/**
 * Deterministic stand-in for unit tests: hashed character unigrams + bigrams. Texts that share
 * characters get similar vectors, in any script, without loading a model.
 */
export function createFakeEmbedder(dimension = 64): Embedder {
  const embed = (text: string): Float32Array => {
    const chars = [...text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()];
    const v = new Float32Array(dimension);
    chars.forEach((c, i) => {
      v[fnv1a(c) % dimension]! += 1;
      if (i > 0) v[fnv1a(chars[i - 1]! + c) % dimension]! += 1;
    });
    return normalize(v);
  };
  return {
    modelId: `fake-char-ngram-${dimension}`,
    dimension,
    init: async () => {},
    embedQuery: async (text) => embed(text),
    embedDocuments: async (texts) => texts.map(embed),
  };
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
