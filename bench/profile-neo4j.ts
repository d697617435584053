// Where does a Neo4j import spend its time? Times every Cypher statement the Neo4j store runs inside
// its write transactions, per pack file, without touching product code (it wraps
// ManagedTransaction.run of neo4j-driver). Also samples the JVM's GC counters with jstat.
//
//   npx tsx bench/profile-neo4j.ts [--facts N] [--batch N]
//   NEO4J_HEAP=2g npx tsx bench/profile-neo4j.ts
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { createNeo4jStore } from '../graph/neo4j/neo4j-store.js';
import { loadQueries } from '../graph/neo4j/query-files.js';
import { ingestPack } from '../ingest/ingest-pack.js';
import { startEmbeddedNeo4j } from '../tools/neo4j/launcher.js';
import { generatePack } from './generate-pack.js';
import { createHashEmbedder } from './hash-embedder.js';
import { findChildPid } from './rss-sampler.js';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Stat {
  file: string;
  query: string;
  calls: number;
  rows: number;
  ms: number;
  failed: number;
  errors: Set<string>;
}

const planTree = (p: { operatorType: string; children?: unknown[] }, depth = 0): string[] => [
  `${'  '.repeat(depth)}${p.operatorType.replace(/@.*/, '')}`,
  ...((p.children ?? []) as (typeof p)[]).flatMap((c) => planTree(c, depth + 1)),
];

async function jstat(pid: number | undefined): Promise<string> {
  if (!pid) return '';
  try {
    // S0 S1 E O M CCS YGC YGCT FGC FGCT CGC CGCT GCT
    const { stdout } = await run('jstat', ['-gcutil', String(pid)]);
    const [head, row] = stdout.trim().split('\n');
    const cols = head!.trim().split(/\s+/);
    const vals = row!.trim().split(/\s+/);
    const get = (c: string) => vals[cols.indexOf(c)] ?? '?';
    return `old ${get('O')}%, young GCs ${get('YGC')} (${get('YGCT')} s), full GCs ${get('FGC')} (${get('FGCT')} s), concurrent ${get('CGC')} (${get('CGCT')} s), total GC ${get('GCT')} s`;
  } catch {
    return '(jstat unavailable)';
  }
}

async function main() {
  const { values } = parseArgs({
    options: { facts: { type: 'string', default: '100000' }, batch: { type: 'string' } },
  });
  const workDir = await mkdtemp(join(tmpdir(), 'kgqa-profile-'));
  const packDir = join(workDir, 'pack');
  const pack = await generatePack({ dir: packDir, facts: Number(values.facts) });
  console.log(`pack: ${pack.facts.total} facts, ${pack.files.length} files`);

  const heap = process.env.NEO4J_HEAP;
  const server = process.env.NEO4J_URI ? undefined : await startEmbeddedNeo4j({ heap });
  const uri = process.env.NEO4J_URI ?? server!.uri;
  const jvm = server ? findChildPid('java') : undefined;
  console.log(`neo4j ${uri} (heap ${heap ?? '512m'}), JVM pid ${jvm ?? '?'}`);

  // Statement text → query file name, to label what the store runs.
  const names = new Map([...loadQueries(join(repoRoot, 'queries'))].map(([name, text]) => [text, name]));
  const stats = new Map<string, Stat>();
  let currentFile = '(setup)';
  const proto = neo4j.ManagedTransaction.prototype as unknown as {
    run: (this: unknown, query: string, params?: Record<string, unknown>) => Promise<{ records: unknown[] }>;
  };
  const original = proto.run;
  proto.run = function (query, params) {
    const name = names.get(query) ?? query.slice(0, 40);
    const key = `${currentFile}\u0000${name}`;
    let s = stats.get(key);
    if (!s) {
      s = { file: currentFile, query: name, calls: 0, rows: 0, ms: 0, failed: 0, errors: new Set() };
      stats.set(key, s);
    }
    const rows = Array.isArray(params?.rows) ? params.rows.length : Array.isArray(params?.ids) ? params.ids.length : 1;
    const started = performance.now();
    const result = original.call(this, query, params);
    const stat = s;
    result.then(
      () => {
        stat.calls++;
        stat.rows += rows;
        stat.ms += performance.now() - started;
      },
      (err: { code?: string; message?: string }) => {
        stat.failed++;
        stat.errors.add(`${err.code ?? ''} ${String(err.message).split('\n')[0]}`);
        stat.ms += performance.now() - started;
      },
    );
    return result;
  };

  const store = createNeo4jStore({
    uri,
    dimension: 512,
    namespace: `profile_${process.pid}_${Date.now()}`,
    batchSize: values.batch ? Number(values.batch) : undefined,
  });
  await store.connect();

  // Side channel: the plan the server picks for rels-create, and the write transaction's heap use.
  const monitor = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  const relsCreate = loadQueries(join(repoRoot, 'queries')).get('rels-create')!;
  const plans = new Map<string, string>();
  const explainRels = async (label: string) => {
    const session = monitor.session();
    try {
      const res = await session.run(`EXPLAIN ${relsCreate}`, {
        ns: 'x',
        rows: [{ from: 'a', to: 'b', type: 'T', source: 's', location: '', hash: '', properties: null }],
      });
      const tree = planTree(res.summary.plan as never);
      plans.set(label, tree.find((l) => /Relationship|Expand/.test(l))?.trim() ?? tree.join(' / '));
    } finally {
      await session.close();
    }
  };
  await explainRels('(empty namespace)');
  const txPeak = new Map<string, { bytes: number; query: string }>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const session = monitor.session();
      try {
        const res = await session.run(
          'SHOW TRANSACTIONS YIELD currentQuery, estimatedUsedHeapMemory WHERE currentQuery CONTAINS $needle RETURN currentQuery, estimatedUsedHeapMemory',
          { needle: '$ns' },
        );
        for (const r of res.records) {
          const bytes = Number(r.get('estimatedUsedHeapMemory') ?? 0);
          const prev = txPeak.get(currentFile);
          if (!prev || bytes > prev.bytes) {
            const text = String(r.get('currentQuery'));
            txPeak.set(currentFile, { bytes, query: names.get(text) ?? text.slice(0, 40) });
          }
        }
      } catch {
        // the server may be busy; skip this sample
      } finally {
        await session.close();
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const fileStart = new Map<string, number>();
  let last = performance.now();
  const started = performance.now();
  const summary = await ingestPack({
    store,
    embedder: createHashEmbedder(512),
    dir: packDir,
    onProgress: (e) => {
      if (e.phase !== 'write') return;
      const now = performance.now();
      if (currentFile !== '(setup)' && fileStart.has(currentFile)) {
        console.log(`  ${currentFile}: ${((now - last) / 1000).toFixed(2)} s`);
      }
      currentFile = e.file ?? '?';
      fileStart.set(currentFile, now);
      last = now;
      if (/people|projects|triples/.test(currentFile)) {
        void jstat(jvm).then((g) => console.log(`  before ${currentFile}: GC ${g}`));
        void explainRels(currentFile);
      }
    },
  });
  console.log(`  ${currentFile}: ${((performance.now() - last) / 1000).toFixed(2)} s`);
  console.log(`import ${((performance.now() - started) / 1000).toFixed(1)} s; failed files: ${summary.files.failed}`);
  for (const e of summary.errors) console.log(`  ERROR ${e.file}: ${e.reason}`);
  console.log(`GC after import: ${await jstat(jvm)}`);
  polling = false;
  await poll;
  await explainRels('(after import)');
  console.log('\nrels-create relationship MERGE plan (EXPLAIN, as cached/planned at that moment):');
  for (const [label, plan] of plans) console.log(`  ${label}: ${plan}`);
  console.log('\nwrite transaction heap (SHOW TRANSACTIONS estimatedUsedHeapMemory, max sampled every 250 ms):');
  for (const [file, p] of txPeak) console.log(`  ${file}: ${(p.bytes / 2 ** 20).toFixed(0)} MiB during ${p.query}`);
  console.log('\nattempts per file (executeWrite retries transient errors for up to 30 s):');
  for (const s of stats.values())
    if (s.query === 'source-node-parts') console.log(`  ${s.file}: ${s.calls + s.failed}`);
  console.log('\nfailed statements:');
  for (const s of stats.values())
    if (s.failed) console.log(`  ${s.file} | ${s.query} | ${s.failed}× | ${[...s.errors].join(' / ')}`);
  await monitor.close();

  console.log('\nper file and statement (slowest first, statements ≥ 0.5 s):');
  console.log('file | statement | calls | rows | total s | ms/row | failed');
  for (const s of [...stats.values()].sort((a, b) => b.ms - a.ms)) {
    if (s.ms < 500) continue;
    console.log(
      `${s.file} | ${s.query} | ${s.calls} | ${s.rows} | ${(s.ms / 1000).toFixed(2)} | ${(s.ms / Math.max(1, s.rows)).toFixed(2)} | ${s.failed}`,
    );
  }
  try {
    await store.dropNamespace();
  } catch (err) {
    console.log(`dropNamespace failed: ${(err as Error).message.split('\n')[0]}`);
  }
  await store.close();
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
