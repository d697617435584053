// `npm run bench`: ingest throughput of the memory and Neo4j backends on a generated pack.
// See bench/README.md. Flags: --facts N, --backend memory|neo4j|all, --quick, --write / --no-write, --seed N.
// Each measured run happens in its own node process (bench/run-one.ts), so peak RSS is per run.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedNeo4j } from '../tools/neo4j/launcher.js';
import { generatePack } from './generate-pack.js';
import { type Backend, emptyResult, type Neo4jTarget, type RunResult } from './ingest-bench.js';
import { type ReportContext, renderSection, resultsTable, writeSection } from './report.js';
import { findChildPid } from './rss-sampler.js';
import type { ChildOutput, ChildSpec } from './run-one.js';

const USAGE = `usage: npm run bench -- [--facts N] [--backend memory|neo4j|all] [--quick] [--write|--no-write] [--seed N]
  --facts N     minimum number of facts in the generated pack (default 100000)
  --backend     which stores to measure (default all)
  --quick       10k facts smoke run; does not touch BENCHMARKS.md unless --write is given
  --no-write    print the results only
env: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) uses that server instead of starting
     embedded Neo4j; NEO4J_HEAP sets the embedded JVM heap; MODEL_DIR / MODEL_NAME pick the model.`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      facts: { type: 'string' },
      backend: { type: 'string', default: 'all' },
      quick: { type: 'boolean', default: false },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const facts = values.facts !== undefined ? Number(values.facts) : values.quick ? 10_000 : 100_000;
  if (!Number.isInteger(facts) || facts < 1000) {
    console.error(`--facts must be an integer ≥ 1000\n${USAGE}`);
    return 2;
  }
  const backendArg = values.backend ?? 'all';
  if (!['memory', 'neo4j', 'all'].includes(backendArg)) {
    console.error(`--backend must be memory, neo4j or all\n${USAGE}`);
    return 2;
  }
  const backends: Backend[] = backendArg === 'all' ? ['memory', 'neo4j'] : [backendArg as Backend];
  const write = values['no-write'] ? false : (values.write ?? !values.quick);
  const seed = values.seed !== undefined ? Number(values.seed) : undefined;

  const log = (line: string) => console.error(line);
  const workDir = await mkdtemp(join(tmpdir(), 'kgqa-bench-'));
  const packDir = join(workDir, 'pack');
  let stopNeo4j: (() => Promise<void>) | undefined;
  const results: RunResult[] = [];
  const ctx: Partial<ReportContext> = {
    command: `npx tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date(),
    loadAtStart: loadavg()[0],
  };
  try {
    log(`Generating a pack of at least ${facts.toLocaleString('en-US')} facts in ${packDir} ...`);
    const started = performance.now();
    const pack = await generatePack({ dir: packDir, facts, seed });
    ctx.pack = pack;
    log(
      `  ${pack.files.length} files, ${pack.facts.total.toLocaleString('en-US')} facts ` +
        `(${pack.facts.attributeValues} attribute values, ${pack.facts.relationships} relationships, ${pack.facts.faqs} FAQs, ${pack.facts.sections} sections) ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    let neo4jTarget: Neo4jTarget | undefined;
    let jvmPid: number | undefined;
    if (backends.includes('neo4j')) {
      if (process.env.NEO4J_URI) {
        neo4jTarget = {
          uri: process.env.NEO4J_URI,
          user: process.env.NEO4J_USER || undefined,
          password: process.env.NEO4J_PASSWORD || undefined,
          database: process.env.NEO4J_DATABASE || undefined,
          label: 'external server (NEO4J_URI)',
        };
      } else {
        log('Starting embedded Neo4j ...');
        const heap = process.env.NEO4J_HEAP;
        const t = performance.now();
        const server = await startEmbeddedNeo4j({ heap });
        ctx.neo4jStartMs = performance.now() - t;
        stopNeo4j = server.stop;
        neo4jTarget = {
          uri: server.uri,
          label: `embedded Neo4j Community 5.26 (tools/neo4j, heap ${heap ?? '512m'}, page cache 64m)`,
        };
        jvmPid = findChildPid('java');
        log(`  ready at ${server.uri} in ${(ctx.neo4jStartMs / 1000).toFixed(1)} s`);
      }
      ctx.neo4jLabel = neo4jTarget.label;
    }

    const modelName = process.env.MODEL_NAME || 'bge-small-zh-v1.5';
    const base = {
      modelName,
      modelDir: resolve(repoRoot, process.env.MODEL_DIR || 'models'),
      vectorCacheFile: join(workDir, 'vectors'),
      packDir,
      workDir,
      facts: pack.facts.total,
      neo4j: neo4jTarget,
      jvmPid,
    };
    const runs: ChildSpec[] = [
      ...backends.map((backend, i): ChildSpec => ({ ...base, backend, embedMode: i === 0 ? 'cold' : 'cached' })),
      ...backends.map((backend): ChildSpec => ({ ...base, backend, embedMode: 'model-free' })),
    ];
    for (const [i, spec] of runs.entries()) {
      const out = await runChild(spec, join(workDir, `run-${i}`));
      results.push(out.result);
      if (out.modelLoadMs !== undefined) ctx.modelLoadMs = out.modelLoadMs;
      if (out.coldEmbed) ctx.coldEmbed = { ...out.coldEmbed, model: modelName };
    }
  } finally {
    await stopNeo4j?.();
    await rm(workDir, { recursive: true, force: true });
  }

  ctx.results = results;
  const report = ctx as ReportContext;
  console.log(`\n${resultsTable(results)}\n`);
  const section = renderSection(report);
  if (write) {
    const file = join(repoRoot, 'BENCHMARKS.md');
    await writeSection(file, section);
    console.log(`Wrote the "Ingest throughput" section of ${file}.`);
  } else {
    console.log(section);
  }
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.error(`PROBLEM ${r.backend}/${r.embedderName}: ${r.problems.join('; ')}`);
  return failed.length ? 1 : 0;
}

const CHILD = fileURLToPath(new URL('./run-one.ts', import.meta.url));

/** Runs one measurement in a fresh node process with the same loader (tsx) as this one. */
async function runChild(spec: ChildSpec, prefix: string): Promise<ChildOutput> {
  const specFile = `${prefix}.spec.json`;
  const outFile = `${prefix}.out.json`;
  await writeFile(specFile, JSON.stringify(spec));
  const code = await new Promise<number | null>((res, rej) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', CHILD, specFile, outFile], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', rej);
    child.on('exit', (c) => res(c));
  });
  try {
    return JSON.parse(await readFile(outFile, 'utf8')) as ChildOutput;
  } catch {
    const name = spec.embedMode === 'model-free' ? 'hash-512' : spec.modelName;
    const error = `measurement process exited with code ${code} before reporting`;
    return {
      result: emptyResult(
        { backend: spec.backend, embedderName: name, embedMode: spec.embedMode, facts: spec.facts },
        error,
      ),
    };
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
