// Micro-benchmark behind a finding of bench/profile-neo4j.ts: queries/rels-create.cypher MERGEs each
// relationship on {ns, type, source}; when the planner answers that MERGE with the REL(ns, source)
// index (it does while the namespace has few relationships), every row scans all relationships
// of the source written so far in the transaction, so one file's write is quadratic in its size.
//
//   npx tsx bench/neo4j-rels-merge.ts [--rows 8000]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { createNeo4jStore } from '../graph/neo4j/neo4j-store.js';
import { startEmbeddedNeo4j } from '../tools/neo4j/launcher.js';
import { createRng } from './prng.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RELS_CREATE = readFileSync(join(repoRoot, 'queries', 'rels-create.cypher'), 'utf8').trim();
// The same statement with the relationship CREATEd: valid because applySource deletes every
// relationship of the source earlier in the same transaction (rows deduplicated by from|type|to).
const RELS_CREATE_PLAIN = RELS_CREATE.replace(/MERGE \(a\)-\[r:REL/, 'CREATE (a)-[r:REL');
const BATCH = 1000;

type PlanNode = { operatorType: string; children?: PlanNode[] };
const operators = (p: PlanNode): string[] => [
  p.operatorType.replace(/@.*/, ''),
  ...(p.children ?? []).flatMap(operators),
];

async function relOperator(driver: Driver, query: string, ns: string): Promise<string> {
  // A row of the real shape: the plan cache is keyed by the parameter types too.
  const rows = [{ from: 'n1', to: 'n2', type: 'KNOWS', source: 'x', location: 'line 1', hash: 'h', properties: null }];
  const res = await driver.executeQuery(`EXPLAIN ${query}`, { ns, rows });
  return operators(res.summary.plan as unknown as PlanNode).find((o) => /Relationship|Expand|Create/.test(o)) ?? '?';
}

/** Writes `rows` relationships of one source in one transaction, in batches; returns ms per batch. */
async function writeRels(driver: Driver, query: string, ns: string, source: string, rows: number, nodes: number) {
  const rng = createRng(7);
  const seen = new Set<string>();
  const all: Record<string, unknown>[] = [];
  while (all.length < rows) {
    const from = `n${rng.int(1, nodes)}`;
    const to = `n${rng.int(1, nodes)}`;
    if (from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    all.push({ from, to, type: 'KNOWS', source, location: 'line 1', hash: 'h', properties: null });
  }
  const session = driver.session();
  const times: number[] = [];
  const tx = session.beginTransaction();
  try {
    for (let i = 0; i < all.length; i += BATCH) {
      const started = performance.now();
      await tx.run(query, { ns, rows: all.slice(i, i + BATCH) });
      times.push(performance.now() - started);
    }
    await tx.rollback(); // keep the namespace identical for the next variant
  } finally {
    await session.close();
  }
  return times;
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '8000' } } });
  const rows = Number(values.rows);
  const nodes = rows;
  const server = process.env.NEO4J_URI ? undefined : await startEmbeddedNeo4j({ heap: process.env.NEO4J_HEAP });
  const uri = process.env.NEO4J_URI ?? server!.uri;
  const ns = `relsbench_${process.pid}`;
  const store = createNeo4jStore({ uri, dimension: 512, namespace: ns });
  await store.connect(); // constraints and indexes, as in production
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    await driver.executeQuery(
      'UNWIND range(1, $n) AS i CREATE (:Node {ns: $ns, id: "n" + i, visible: true, sources: [], parts: "{}", nameKeys: []})',
      { ns, n: neo4j.int(nodes) },
    );
    const report = (label: string, op: string, times: number[]) => {
      const total = times.reduce((a, b) => a + b, 0);
      console.log(
        `${label.padEnd(44)} ${op.padEnd(30)} total ${(total / 1000).toFixed(2)} s, ${(total / rows).toFixed(3)} ms/row; per ${BATCH}-row batch: ${times.map((t) => (t / 1000).toFixed(2)).join(' ')} s`,
      );
    };
    console.log(`${nodes} committed nodes; ${rows} relationships of one source in one transaction (rolled back)\n`);
    // 1. Production statement, planned while the namespace has no relationships (as on a first import).
    let op = await relOperator(driver, RELS_CREATE, ns);
    report(
      'rels-create.cypher, planned on empty REL index',
      op,
      await writeRels(driver, RELS_CREATE, ns, 's1', rows, nodes),
    );
    // 2. Same statement once relationships exist and the plan cache is cleared: the planner flips to Expand(Into).
    await driver.executeQuery(RELS_CREATE_PLAIN, {
      ns,
      rows: Array.from({ length: 5000 }, (_, i) => ({
        from: `n${(i % nodes) + 1}`,
        to: `n${((i * 7 + 3) % nodes) + 1}`,
        type: 'SEED',
        source: 'seed',
        location: '',
        hash: '',
        properties: null,
      })),
    });
    await driver.executeQuery('CALL db.clearQueryCaches()');
    op = await relOperator(driver, RELS_CREATE, ns);
    report(
      'rels-create.cypher, replanned (5k rels exist)',
      op,
      await writeRels(driver, RELS_CREATE, ns, 's2', rows, nodes),
    );
    op = await relOperator(driver, RELS_CREATE, ns);
    report(
      'rels-create.cypher, same again (cached plan)',
      op,
      await writeRels(driver, RELS_CREATE, ns, 's2', rows, nodes),
    );
    // 3. Suggested fix: CREATE the relationship (the source's old ones were deleted in the same tx).
    op = await relOperator(driver, RELS_CREATE_PLAIN, ns);
    report('same with CREATE instead of MERGE', op, await writeRels(driver, RELS_CREATE_PLAIN, ns, 's3', rows, nodes));
  } finally {
    await store.dropNamespace().catch(() => {});
    await store.close();
    await driver.close();
    await server?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
