import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmbedder } from '../../src/components.js';
import { loadConfig } from '../../src/config.js';
import { datasetsDir, REPO_ROOT } from './datasets.js';
import type { BenchContext } from './harness.js';
import { runIntents } from './intents.js';
import { runNlpcc } from './nlpcc.js';
import { loadResults, pct, renderSection, saveResult, writeBenchmarksMd } from './report.js';
import { DATASETS, type DatasetName, type RunOutput } from './result.js';

const USAGE = `usage: npm run bench:qa -- [--only nlpcc|banking77|bitext[,…]] [--limit N] [--json]
                        [--samples 20] [--split test|train] [--write|--no-write] [--keep-packs]
       npm run bench:qa -- --render-only`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      samples: { type: 'string', default: '20' },
      split: { type: 'string', default: 'test' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      'keep-packs': { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values['render-only']) {
    // Re-renders the BENCHMARKS.md section from bench/qa/results/*.json; no model, no data sets.
    const section = renderSection(await loadResults());
    await writeBenchmarksMd(section);
    console.log(section);
    return 0;
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : DATASETS;
  const unknown = only.filter((d) => !(DATASETS as string[]).includes(d));
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (unknown.length || (limit !== undefined && !(Number.isInteger(limit) && limit > 0))) {
    console.error(unknown.length ? `unknown data set ${unknown.join(', ')}` : '--limit must be a positive integer');
    console.error(USAGE);
    return 2;
  }
  const split = values.split === 'train' ? 'train' : 'test';
  if (values.split !== split) {
    console.error('--split must be test or train');
    return 2;
  }
  const root = datasetsDir();
  if (!existsSync(root)) {
    console.error(`no data sets at ${root} (set DATASETS_DIR)`);
    return 2;
  }
  // Full test-set runs are stored and rendered; subsets and training-split runs only print unless --write.
  // Training-split runs are development analysis and are never stored.
  const write = split === 'test' && !values['no-write'] && (values.write ?? limit === undefined);

  const log = (line: string) => console.error(line);
  const config = loadConfig();
  // The application's own composition root: the embedder users get (bge-small-zh + bge-small-en unless
  // MODEL_NAME_EN=none), loaded from MODEL_DIR relative to the repository.
  const embedder = createEmbedder({ ...config, MODEL_DIR: resolve(REPO_ROOT, config.MODEL_DIR) });
  await embedder.init();
  const ctx: BenchContext = {
    embedder,
    limit,
    split,
    samples: Number(values.samples),
    keepPacks: values['keep-packs'] ?? false,
    log,
    meta: {
      date: new Date().toISOString(),
      machine: machine(),
      commit: `${commit()}, engine ${engineFingerprint()}`,
      model: `${embedder.modelId} (q8, ${embedder.dimension}-d)`,
    },
  };
  log(`data sets: ${root}\nmachine: ${ctx.meta.machine}; model ${ctx.meta.model}; commit ${ctx.meta.commit}`);

  const outputs: RunOutput[] = [];
  try {
    for (const d of only as DatasetName[]) {
      log(`\n== ${d} ==`);
      const out = d === 'nlpcc' ? await runNlpcc(ctx) : await runIntents(ctx, d);
      outputs.push(out);
      if (write) log(`  stored ${await saveResult(out.result)}`);
      if (!values.json) printOutput(out);
    }
  } finally {
    await embedder.close?.();
  }

  if (write) {
    const section = renderSection(await loadResults());
    await writeBenchmarksMd(section);
    log('\nBENCHMARKS.md: section "## QA benchmarks" updated');
  }
  if (values.json) {
    console.log(JSON.stringify(outputs, null, 2));
  } else {
    // The same section as BENCHMARKS.md, for the data sets of this run.
    const current = Object.fromEntries(outputs.map((o) => [o.result.dataset, o.result]));
    console.log(`\n${renderSection(current)}`);
  }
  return 0;
}

function printOutput({ result: r, samples }: RunOutput): void {
  console.log(
    `\n${r.title}: ${r.primary.metric} ${pct(r.primary.value)} (target ≥ ${pct(r.primary.target, 0)}) over ${r.questions} questions${r.limited ? ` (seeded subset of ${r.totalQuestions})` : ''}, abstention ${pct(r.abstention)}, latency p50 ${r.latencyMs.p50} ms / p95 ${r.latencyMs.p95} ms`,
  );
  console.log(`failure categories: ${JSON.stringify(r.failureCategories)}`);
  if (samples.length) console.log(`${samples.length} sampled failures (seeded):`);
  for (const s of samples) {
    console.log(`  [${s.category}] ${s.question}`);
    console.log(`      expected ${s.expected}`);
    console.log(`      got [${s.status}] ${s.got.replace(/\s+/g, ' ')}`);
    if (s.detail) console.log(`      ${s.detail}`);
  }
}

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
}

/**
 * sha256 (12 hex) over the engine's source (src/, graph/, ingest/) as it is on disk at start-up:
 * the engine changes between commits, so the commit alone does not say what was measured.
 */
function engineFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  for (const file of ['src', 'graph', 'ingest'].flatMap((d) => walk(resolve(REPO_ROOT, d))).sort()) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT })
      .toString()
      .trim();
    return dirty ? `${sha}+uncommitted` : sha;
  } catch {
    return 'unknown';
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench:qa failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
