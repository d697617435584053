import { join, resolve } from 'node:path';
import { createBilingualEmbedder } from '../graph/embedding/bilingual-embedder.js';
import { createTransformersEmbedder } from '../graph/embedding/transformers-embedder.js';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { createNeo4jStore } from '../graph/neo4j/neo4j-store.js';
import type { Config } from './config.js';
import type { Embedder } from './ports/embedder.js';
import type { GraphStore } from './ports/graph-store.js';

/** Wires the adapters the configuration asks for. The only place that knows both backends. */
export function createEmbedder(config: Pick<Config, 'MODEL_DIR' | 'MODEL_NAME' | 'MODEL_NAME_EN'>): Embedder {
  const modelDir = resolve(config.MODEL_DIR);
  const zh = createTransformersEmbedder({ modelDir, model: config.MODEL_NAME });
  if (config.MODEL_NAME_EN === 'none') return zh;
  return createBilingualEmbedder({ zh, en: createTransformersEmbedder({ modelDir, model: config.MODEL_NAME_EN }) });
}

export function createStore(config: Config, dimension: number): GraphStore {
  if (config.GRAPH_BACKEND === 'neo4j') {
    return createNeo4jStore({
      uri: config.NEO4J_URI!,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      namespace: config.NEO4J_NAMESPACE,
      dimension,
    });
  }
  return createMemoryStore({ file: join(resolve(config.DATA_DIR), 'graph.json') });
}
