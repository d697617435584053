import type { Embedder } from '../ports/embedder.js';

/** Query vectors kept for reuse; FAQ questions, labels and headings recur across questions. */
const MAX_CACHED = 20_000;

/**
 * The embedder with its query vectors cached by text (oldest out first). One question embeds its own
 * text for retrieval and the topic check, its residual for mapping and again for the topic check, and
 * asked labels and section headings recur across questions: each text now goes through the model once.
 * Cached vectors are shared, so callers only read them.
 */
export function withQueryCache(embedder: Embedder, max = MAX_CACHED): Embedder {
  const cache = new Map<string, Promise<Float32Array>>();
  return {
    get modelId() {
      return embedder.modelId;
    },
    get dimension() {
      return embedder.dimension;
    },
    init: () => embedder.init(),
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    embedQuery(text) {
      let v = cache.get(text);
      if (!v) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        v = embedder.embedQuery(text);
        cache.set(text, v);
        v.catch(() => cache.delete(text));
      }
      return v;
    },
    similarityScale: embedder.similarityScale && ((text) => embedder.similarityScale!(text)),
    close: embedder.close && (() => embedder.close!()),
  };
}
