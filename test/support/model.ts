import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmbedder } from '../../src/components.js';
import type { Embedder } from '../../src/ports/embedder.js';

const MODEL_DIR = process.env.MODEL_DIR ?? fileURLToPath(new URL('../../models/', import.meta.url));
const MODEL = 'bge-small-zh-v1.5';
const MODEL_EN = 'bge-small-en-v1.5';

/**
 * The real embedding model for accuracy tests. Missing model: those tests skip visibly,
 * unless REQUIRE_MODEL=1 (CI), where a missing model fails the run.
 */
export function realModelAvailable(): boolean {
  const present = [MODEL, MODEL_EN].every((m) => existsSync(`${MODEL_DIR}/${m}/onnx/model_quantized.onnx`));
  if (!present && process.env.REQUIRE_MODEL === '1') {
    throw new Error(`REQUIRE_MODEL=1 but the model is missing under ${MODEL_DIR}: run npm run models`);
  }
  return present;
}

/** The embedder the server uses by default: both models (see src/components.ts). */
export function createRealEmbedder(): Embedder {
  return createEmbedder({ MODEL_DIR, MODEL_NAME: MODEL, MODEL_NAME_EN: MODEL_EN });
}

export const DEMO_PACK = fileURLToPath(new URL('../../examples/demo-pack/', import.meta.url));
