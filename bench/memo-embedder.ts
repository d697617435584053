import { readFile, writeFile } from 'node:fs/promises';
import type { Embedder } from '../src/ports/embedder.js';

export interface MemoStats {
  /** Texts the wrapped embedder actually embedded. */
  computed: number;
  /** Texts answered from the cache. */
  reused: number;
  /** Wall time spent inside the wrapped embedder. */
  ms: number;
}

export type VectorCache = Map<string, Float32Array>;

/**
 * Caches document vectors by text, so a second backend ingesting the same pack reuses the first
 * one's vectors instead of paying the model again. Embedding is a shared, backend-independent cost.
 * The wrapped embedder is only initialised (model loaded) when a text is missing from the cache.
 */
export function memoiseEmbedder(
  inner: Embedder,
  cache: VectorCache = new Map(),
): Embedder & { stats: MemoStats; cache: VectorCache } {
  const stats: MemoStats = { computed: 0, reused: 0, ms: 0 };
  return {
    stats,
    cache,
    modelId: inner.modelId,
    get dimension() {
      return inner.dimension;
    },
    init: () => inner.init(),
    embedQuery: (text) => inner.embedQuery(text),
    async embedDocuments(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length > 0) {
        const started = performance.now();
        const vectors = await inner.embedDocuments(missing);
        stats.ms += performance.now() - started;
        for (const [i, t] of missing.entries()) cache.set(t, vectors[i]!);
      }
      stats.computed += missing.length;
      stats.reused += texts.length - missing.length;
      return texts.map((t) => cache.get(t)!);
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

/** Writes the cache as `<file>.json` (texts) + `<file>.bin` (float32 vectors, same order). */
export async function saveVectorCache(file: string, cache: VectorCache): Promise<void> {
  const texts = [...cache.keys()];
  const dim = texts.length ? cache.get(texts[0]!)!.length : 0;
  const all = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => {
    all.set(cache.get(t)!, i * dim);
  });
  await writeFile(`${file}.json`, JSON.stringify({ dim, texts }));
  await writeFile(`${file}.bin`, new Uint8Array(all.buffer));
}

export async function loadVectorCache(file: string): Promise<VectorCache> {
  const { dim, texts } = JSON.parse(await readFile(`${file}.json`, 'utf8')) as { dim: number; texts: string[] };
  const bytes = await readFile(`${file}.bin`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return new Map(texts.map((t, i) => [t, all.slice(i * dim, (i + 1) * dim)]));
}
