import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import type { IngestSummary } from '../../ingest/ingest-pack.js';
import type { Embedder } from '../../src/ports/embedder.js';
import { createServices, type Services } from '../../src/services.js';
import { datasetsDir, type SourceFile } from './datasets.js';
import type { Log } from './measure.js';
import type { DatasetResult } from './result.js';

export interface BenchContext {
  embedder: Embedder;
  /** Ask a seeded subsample of this many test questions. */
  limit?: number;
  /** NLPCC only: `train` asks the training questions (development analysis; never stored). */
  split: 'test' | 'train';
  /** Failed questions to show per data set. */
  samples: number;
  keepPacks: boolean;
  log: Log;
  meta: Pick<DatasetResult, 'date' | 'machine' | 'commit' | 'model'>;
}

export interface PackRun {
  services: Services;
  summary: IngestSummary;
  packDir: string;
  packMs: number;
  ingestMs: number;
}

/**
 * Writes a generated pack to a fresh temp folder, imports it through the real ingest path
 * (`services.ingest`) into a fresh in-memory store with the shared real embedder, and hands the
 * services to `fn`. The store is closed and the folder removed afterwards (unless --keep-packs).
 */
export async function withPack<T>(
  ctx: BenchContext,
  name: string,
  files: Record<string, string>,
  fn: (run: PackRun) => Promise<T>,
): Promise<T> {
  const p0 = performance.now();
  const packDir = await mkdtemp(join(tmpdir(), `qa-bench-${name}-`));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(packDir, file)), { recursive: true });
    await writeFile(join(packDir, file), text);
  }
  const packMs = performance.now() - p0;
  const store = createMemoryStore();
  // services.close() would also close the shared embedder, so only the store is closed here.
  const services = createServices({ store, embedder: ctx.embedder });
  try {
    await services.start();
    ctx.log(`  ${name}: ingesting ${packDir} …`);
    const i0 = performance.now();
    const summary = await services.ingest(packDir);
    const ingestMs = performance.now() - i0;
    ctx.log(
      `  ${name}: ingest ${(ingestMs / 1000).toFixed(1)} s — ${summary.counts.entities} entities, ${summary.counts.faqs} FAQs, ${summary.counts.terms} terms, ${summary.files.failed} failed files`,
    );
    if (summary.errors.length) {
      throw new Error(`${name}: the generated pack did not import cleanly: ${JSON.stringify(summary.errors)}`);
    }
    return await fn({ services, summary, packDir, packMs, ingestMs });
  } finally {
    await store.close();
    if (ctx.keepPacks) ctx.log(`  ${name}: pack kept at ${packDir}`);
    else await rm(packDir, { recursive: true, force: true });
  }
}

export function ingestCounts(s: IngestSummary): DatasetResult['ingest'] {
  return {
    files: s.files.total,
    failed: s.files.failed,
    entities: s.counts.entities,
    faqs: s.counts.faqs,
    relationships: s.counts.relationships,
    terms: s.counts.terms,
  };
}

/** Source files named relative to the data-set folder, so results do not carry local paths. */
export function sourcesOf(files: SourceFile[]): DatasetResult['sources'] {
  const root = datasetsDir();
  return files.map((f) => ({ ...f, path: relative(root, f.path) }));
}
