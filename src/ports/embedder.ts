/**
 * Port for text embeddings. Adapters live in `graph/embedding/`.
 * Vectors are L2-normalised, so a dot product is the cosine similarity.
 */
export interface Embedder {
  /** Stable identifier of the model, stored beside vectors so a model change is detected. */
  readonly modelId: string;
  readonly dimension: number;
  /** Loads the model; idempotent. */
  init(): Promise<void>;
  /** Embeds a search query (some models add an instruction prefix for queries). */
  embedQuery(text: string): Promise<Float32Array>;
  /** Embeds passages/keys in batches. Output order matches input order. */
  embedDocuments(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Factor by which this model's query-to-document dot products are scaled for a query like `text`
   * (1 when omitted). Ensembles that weight their parts per query use it so callers can read scores
   * on the cosine scale.
   */
  similarityScale?(text: string): number;
  close?(): Promise<void>;
}
