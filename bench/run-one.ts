// One measured run (one backend × one embedder) in a fresh node process, so its peak RSS is its own.
// Started by bench/run.ts: `node <tsx loader> bench/run-one.ts <spec.json> <result.json>`.
import { readFile, writeFile } from 'node:fs/promises';
import type { Embedder } from '../src/ports/embedder.js';
import { createHashEmbedder } from './hash-embedder.js';
import { type Backend, type Neo4jTarget, type RunResult, runIngestBench } from './ingest-bench.js';
import { loadVectorCache, memoiseEmbedder, saveVectorCache } from './memo-embedder.js';
import { startRssSampler } from './rss-sampler.js';

export interface ChildSpec {
  backend: Backend;
  /** cold: embed with the model and save the vectors; cached: reuse them; model-free: hashing embedder. */
  embedMode: 'cold' | 'cached' | 'model-free';
  modelName: string;
  modelDir: string;
  vectorCacheFile: string;
  packDir: string;
  workDir: string;
  facts: number;
  neo4j?: Neo4jTarget;
  jvmPid?: number;
}

export interface ChildOutput {
  result: RunResult;
  modelLoadMs?: number;
  /** Cold runs: texts the model embedded and the wall time inside the model. */
  coldEmbed?: { texts: number; ms: number };
}

async function main() {
  const [specFile, outFile] = process.argv.slice(2);
  if (!specFile || !outFile) throw new Error('usage: run-one.ts <spec.json> <result.json>');
  const spec = JSON.parse(await readFile(specFile, 'utf8')) as ChildSpec;
  const gc = (globalThis as { gc?: () => void }).gc;
  const log = (line: string) => console.error(line);
  const sampler = startRssSampler(200);
  sampler.watchChild(spec.jvmPid);
  const out: Partial<ChildOutput> = {};

  let embedder: Embedder;
  let memo: ReturnType<typeof memoiseEmbedder> | undefined;
  if (spec.embedMode === 'model-free') {
    embedder = createHashEmbedder(512);
  } else {
    // Imported only here: loading transformers.js/onnxruntime costs ~100 MB of RSS the hash runs do not need.
    const { createTransformersEmbedder } = await import('../graph/embedding/transformers-embedder.js');
    const model = createTransformersEmbedder({ modelDir: spec.modelDir, model: spec.modelName });
    if (spec.embedMode === 'cold') {
      memo = memoiseEmbedder(model);
      const started = performance.now();
      await memo.init();
      out.modelLoadMs = performance.now() - started;
    } else {
      // The model is not loaded unless a text is missing from the cache.
      memo = memoiseEmbedder(model, await loadVectorCache(spec.vectorCacheFile));
    }
    embedder = memo;
  }

  gc?.();
  const result = await runIngestBench({
    backend: spec.backend,
    embedder,
    embedderName: spec.embedMode === 'model-free' ? 'hash-512' : spec.modelName,
    embedMode: spec.embedMode,
    packDir: spec.packDir,
    workDir: spec.workDir,
    facts: spec.facts,
    neo4j: spec.neo4j,
    sampler,
    log,
    gc,
  });
  out.result = result;
  if (memo && spec.embedMode === 'cold') {
    out.coldEmbed = { texts: memo.stats.computed, ms: memo.stats.ms };
    await saveVectorCache(spec.vectorCacheFile, memo.cache);
  }
  if (memo && spec.embedMode === 'cached' && memo.stats.computed > 0) {
    result.problems.push(`${memo.stats.computed} texts were not in the vector cache and were embedded during the run`);
    result.ok = false;
  }
  await embedder.close?.();
  await sampler.stop();
  await writeFile(outFile, JSON.stringify(out));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`run-one failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
