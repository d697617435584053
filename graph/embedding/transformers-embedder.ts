import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { env, type FeatureExtractionPipeline, pipeline } from '@huggingface/transformers';
import type { Embedder } from '../../src/ports/embedder.js';

export interface TransformersEmbedderOptions {
  /** Parent folder holding `<model>/` (built by `npm run models`). */
  modelDir: string;
  /** Folder name under modelDir. */
  model?: string;
  pooling?: 'cls' | 'mean';
  normalize?: boolean;
  /**
   * Prepended to queries only. Empty by default: the bge-zh retrieval instruction lowers
   * query↔question similarity, and our queries are matched against FAQ questions and names.
   */
  queryPrefix?: string;
  batchSize?: number;
  /** Lets transformers.js fall back to the Hugging Face hub. Off: builds must not depend on it. */
  allowRemote?: boolean;
}

// What transformers.js reads for a q8 BERT feature extractor.
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

export function createTransformersEmbedder(opts: TransformersEmbedderOptions): Embedder {
  const model = opts.model ?? 'bge-small-zh-v1.5';
  const modelDir = path.resolve(opts.modelDir);
  const folder = path.join(modelDir, model);
  const pooling = opts.pooling ?? 'cls'; // bge is trained with the [CLS] vector as the sentence embedding
  const normalize = opts.normalize ?? true;
  const queryPrefix = opts.queryPrefix ?? '';
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const allowRemote = opts.allowRemote ?? false;

  let extractor: FeatureExtractionPipeline | undefined;
  let loading: Promise<void> | undefined;
  let dimension: number | undefined;

  const assertPresent = (): void => {
    if (allowRemote) return;
    const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(folder, f)));
    if (missing.length > 0) {
      throw new Error(
        `Embedding model "${model}" is missing from ${folder} (no ${missing.join(', ')}). ` +
          'Run `npm run models` to build it from Maven Central (needs Java 17+ and Maven), ' +
          'or point modelDir/MODEL_DIR at a folder that contains it.',
      );
    }
  };

  const load = async (): Promise<void> => {
    assertPresent();
    // env is process-wide in transformers.js; set it immediately before loading so this model resolves locally.
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemote;
    env.localModelPath = modelDir;
    extractor = await pipeline('feature-extraction', model, {
      dtype: 'q8',
      local_files_only: !allowRemote,
      session_options: { logSeverityLevel: 3 },
    });
    dimension = Number((extractor.model.config as { hidden_size?: number }).hidden_size) || dimension;
  };

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    await self.init();
    // Batches pad to their longest text, so grouping similar lengths cuts wasted work.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const out = new Array<Float32Array>(texts.length);
    for (let i = 0; i < order.length; i += batchSize) {
      const ids = order.slice(i, i + batchSize);
      const batch = ids.map((id) => texts[id]!);
      const tensor = await extractor!(batch, { pooling, normalize });
      const data = tensor.data as Float32Array;
      const dim = data.length / ids.length;
      ids.forEach((id, r) => {
        out[id] = data.slice(r * dim, (r + 1) * dim);
      });
      tensor.dispose();
    }
    return out;
  };

  const self: Embedder = {
    // Pooling changes every stored vector, so it is part of the identity; the query prefix is not.
    modelId: `${model}-q${pooling === 'cls' ? '' : `-${pooling}`}`,
    get dimension(): number {
      // Read from the folder so another model name works without a table here.
      if (dimension === undefined) {
        assertPresent();
        dimension = Number(JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')).hidden_size);
      }
      return dimension;
    },
    init(): Promise<void> {
      // One shared promise makes concurrent callers wait for the same load; a failure may be retried.
      loading ??= load().catch((err: unknown) => {
        loading = undefined;
        throw err;
      });
      return loading;
    },
    async embedQuery(text: string): Promise<Float32Array> {
      const [v] = await embed([queryPrefix + text]);
      return v!;
    },
    embedDocuments(texts: readonly string[]): Promise<Float32Array[]> {
      return embed(texts);
    },
    async close(): Promise<void> {
      const pending = loading;
      loading = undefined;
      await pending?.catch(() => {});
      await extractor?.dispose();
      extractor = undefined;
    },
  };
  return self;
}
