import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { createNeo4jStore } from '../graph/neo4j/neo4j-store.js';
import { type IngestSummary, ingestPack, type ProgressEvent } from '../ingest/ingest-pack.js';
import type { Embedder } from '../src/ports/embedder.js';
import type { GraphStats, GraphStore } from '../src/ports/graph-store.js';
import type { RssSampler } from './rss-sampler.js';

export type Backend = 'memory' | 'neo4j';

export interface Neo4jTarget {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  /** "embedded 5.26 (heap 512m)" or "external" — for the report. */
  label: string;
}

export interface RunSpec {
  backend: Backend;
  embedder: Embedder;
  /** Short name for the report, e.g. "bge-small-zh-v1.5" or "hash-512". */
  embedderName: string;
  /** How the vectors were obtained in this run: "cold", "cached", "model-free". */
  embedMode: string;
  packDir: string;
  workDir: string;
  facts: number;
  neo4j?: Neo4jTarget;
  sampler: RssSampler;
  log: (line: string) => void;
  /** Full garbage collection, when exposed (between the memory backend's stages). */
  gc?: () => void;
}

export interface RunResult {
  backend: Backend;
  embedderName: string;
  embedMode: string;
  facts: number;
  ok: boolean;
  problems: string[];
  error?: string;
  /** Store connect (Neo4j: driver + constraints/indexes). */
  connectMs: number;
  /** Read + parse + validate + link (everything before the first embed event). */
  parseMs: number;
  embedMs: number;
  writeMs: number;
  /** Memory backend: flushing the snapshot file in close(). */
  persistMs?: number;
  snapshotBytes?: number;
  /** Memory backend: reading the snapshot back into a fresh store. */
  loadMs?: number;
  /** ingestPack wall time (+ persist for the memory backend): the time until the import is durable. */
  totalMs: number;
  embedTexts: number;
  reimportMs: number;
  reimport: string;
  dropMs?: number;
  dropNote?: string;
  startRss: number;
  /** Peak until ingestPack returned (before snapshot, reload and re-import). */
  importPeakRss: number;
  /** Memory backend: peak until the snapshot was flushed. */
  persistPeakRss?: number;
  peakRss: number;
  /** Files the first import could not write. */
  failedFiles: string[];
  jvmPeakRss?: number;
  stats?: GraphStats;
  summaryCounts?: IngestSummary['counts'];
  writes: { file: string; ms: number }[];
}

/** Turns ingest progress events into phase times and per-file write times. */
function phaseRecorder(name: string, sampler: RssSampler, log: (line: string) => void) {
  const first: Partial<Record<ProgressEvent['phase'], number>> = {};
  const writes: { file: string; start: number; end?: number }[] = [];
  let embedTotal = 0;
  let nextEmbedLog = 0;
  let t0 = 0;
  const closeWrite = (now: number) => {
    const prev = writes.at(-1);
    if (prev && prev.end === undefined) {
      prev.end = now;
      log(`  [${name}] wrote ${prev.file} in ${((now - prev.start) / 1000).toFixed(2)} s`);
    }
  };
  return {
    start() {
      t0 = performance.now();
    },
    on(e: ProgressEvent) {
      const now = performance.now();
      sampler.sample();
      if (first[e.phase] === undefined) {
        first[e.phase] = now;
        log(`  [${name}] ${e.phase} starts at +${((now - t0) / 1000).toFixed(1)} s`);
      }
      if (e.phase === 'embed') {
        embedTotal = e.total;
        if (e.total > 0 && e.done >= nextEmbedLog) {
          log(`  [${name}] embed ${e.done}/${e.total} +${((now - first.embed!) / 1000).toFixed(1)} s`);
          nextEmbedLog = e.done + Math.max(1, Math.ceil(e.total / 5));
        }
      }
      if (e.phase === 'write') {
        closeWrite(now);
        writes.push({ file: e.file ?? '?', start: now });
      }
    },
    finish(end: number) {
      closeWrite(end);
      const parseEnd = first.embed ?? first.write ?? end;
      return {
        parseMs: parseEnd - t0,
        embedMs: first.embed === undefined ? 0 : (first.write ?? end) - first.embed,
        writeMs: first.write === undefined ? 0 : end - first.write,
        embedTexts: embedTotal,
        writes: writes.map((w) => ({ file: w.file, ms: (w.end ?? end) - w.start })),
      };
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** Adds the summary's errors to `problems`, one line per distinct reason. */
function checkSummary(summary: IngestSummary, problems: string[], what: string) {
  const byReason = new Map<string, string[]>();
  for (const e of summary.errors) {
    const files = byReason.get(e.reason) ?? [];
    files.push(`${e.file}${e.line ? `:${e.line}` : ''}`);
    byReason.set(e.reason, files);
  }
  for (const [reason, files] of byReason) problems.push(`${what}: ${files.join(', ')} — ${reason}`);
}

/** A result with nothing measured yet (or nothing measured at all, when `error` says why). */
export function emptyResult(
  spec: Pick<RunResult, 'backend' | 'embedderName' | 'embedMode' | 'facts'>,
  error?: string,
): RunResult {
  return {
    backend: spec.backend,
    embedderName: spec.embedderName,
    embedMode: spec.embedMode,
    facts: spec.facts,
    ok: false,
    problems: error ? [error] : [],
    ...(error ? { error } : {}),
    connectMs: 0,
    parseMs: 0,
    embedMs: 0,
    writeMs: 0,
    totalMs: 0,
    embedTexts: 0,
    reimportMs: 0,
    reimport: '',
    startRss: 0,
    importPeakRss: 0,
    peakRss: 0,
    failedFiles: [],
    writes: [],
  };
}

export async function runIngestBench(spec: RunSpec): Promise<RunResult> {
  const name = `${spec.backend}/${spec.embedderName}`;
  const { sampler, log } = spec;
  const result = emptyResult(spec);
  sampler.reset();
  result.startRss = sampler.current();
  log(`\n▶ ${name} (${spec.embedMode} embeddings)`);

  const ingest = async (store: GraphStore) => {
    const rec = phaseRecorder(name, sampler, log);
    rec.start();
    const summary = await ingestPack({ store, embedder: spec.embedder, dir: spec.packDir, onProgress: rec.on });
    const phases = rec.finish(performance.now());
    return { summary, phases };
  };
  const reimport = async (store: GraphStore) => {
    const [summary, ms] = await timed(() => ingestPack({ store, embedder: spec.embedder, dir: spec.packDir }));
    result.reimportMs = ms;
    result.reimport = `${summary.files.unchanged}/${summary.files.total} unchanged`;
    checkSummary(summary, result.problems, 're-import');
    if (summary.files.unchanged !== summary.files.total && summary.errors.length === 0) {
      result.problems.push(`re-import: ${result.reimport}`);
    }
    log(`  [${name}] re-import ${(ms / 1000).toFixed(2)} s, ${result.reimport}`);
  };
  const record = (summary: IngestSummary, phases: ReturnType<ReturnType<typeof phaseRecorder>['finish']>) => {
    Object.assign(result, phases);
    result.importPeakRss = sampler.peak();
    result.summaryCounts = summary.counts;
    result.failedFiles = summary.errors.map((e) => e.file);
    checkSummary(summary, result.problems, 'import');
  };

  try {
    if (spec.backend === 'memory') {
      const file = join(spec.workDir, `graph-${spec.embedderName}.json`);
      await rm(file, { force: true });
      // The first store lives only inside this function, so it can be collected before the reload.
      await (async () => {
        const store = createMemoryStore({ file });
        await store.connect();
        const [{ summary, phases }, ingestMs] = await timed(() => ingest(store));
        record(summary, phases);
        result.stats = await store.stats();
        const [, persistMs] = await timed(() => store.close());
        result.persistMs = persistMs;
        result.persistPeakRss = sampler.peak();
        result.totalMs = ingestMs + persistMs;
      })();
      result.snapshotBytes = (await stat(file)).size;
      log(
        `  [${name}] snapshot ${(result.snapshotBytes / 1e6).toFixed(1)} MB written in ${((result.persistMs ?? 0) / 1000).toFixed(2)} s`,
      );
      spec.gc?.();

      const reopened = createMemoryStore({ file });
      const [, loadMs] = await timed(() => reopened.connect());
      result.loadMs = loadMs;
      log(`  [${name}] snapshot loaded in ${(loadMs / 1000).toFixed(2)} s`);
      await reimport(reopened);
      await reopened.close();
      await rm(file, { force: true });
    } else {
      const target = spec.neo4j;
      if (!target) throw new Error('no Neo4j server');
      const namespace = `bench_${spec.embedderName.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`;
      const store = createNeo4jStore({
        uri: target.uri,
        user: target.user,
        password: target.password,
        database: target.database,
        dimension: spec.embedder.dimension,
        namespace,
      });
      const [, connectMs] = await timed(() => store.connect());
      result.connectMs = connectMs;
      try {
        const [{ summary, phases }, ingestMs] = await timed(() => ingest(store));
        record(summary, phases);
        result.totalMs = ingestMs;
        result.stats = await store.stats();
        await reimport(store);
      } finally {
        try {
          const [, dropMs] = await timed(() => store.dropNamespace());
          result.dropMs = dropMs;
        } catch (err) {
          // One DETACH DELETE transaction may exceed the server's transaction memory limit; fall back
          // to batched deletes so a shared server is still left clean, and report it.
          result.dropNote = `dropNamespace() failed: ${(err as Error).message.split('\n')[0]}; dropped in batches instead`;
          const [, dropMs] = await timed(() => dropInBatches(target, namespace));
          result.dropMs = dropMs;
        }
        log(
          `  [${name}] namespace dropped in ${((result.dropMs ?? 0) / 1000).toFixed(2)} s${result.dropNote ? ` (${result.dropNote})` : ''}`,
        );
        await store.close();
      }
    }
    result.ok = result.problems.length === 0;
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
    result.problems.push(result.error ?? 'failed');
    log(`  [${name}] FAILED: ${(err as Error).stack ?? err}`);
  }
  result.peakRss = sampler.peak();
  result.jvmPeakRss = spec.backend === 'neo4j' ? sampler.childPeak() : undefined;
  return result;
}

async function dropInBatches(target: Neo4jTarget, ns: string): Promise<void> {
  const auth = target.user ? neo4j.auth.basic(target.user, target.password ?? '') : undefined;
  const driver = neo4j.driver(target.uri, auth);
  const session = driver.session({ database: target.database });
  try {
    await session.run(
      'MATCH (n) WHERE (n:Node OR n:Term OR n:Source) AND n.ns = $ns CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS',
      { ns },
    );
  } finally {
    await session.close();
    await driver.close();
  }
}
