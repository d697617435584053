// Smoke test for the Neo4j the global setup provides (embedded or NEO4J_URI): Bolt, constraints,
// and the vector index features the graph store relies on. Only touches its own random label.
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const uri = inject('neo4jUri');
const user = inject('neo4jUser');
const database = inject('neo4jDatabase');
const DIM = 512;

// Deterministic, clearly distinct vectors: 3 different frequencies.
const vec = (freq: number, phase = 0) => Array.from({ length: DIM }, (_, j) => Math.sin(freq * (j + 1) + phase));

describe.skipIf(!uri)('neo4j (embedded launcher or NEO4J_URI)', () => {
  const suffix = randomBytes(4).toString('hex');
  const label = `LauncherTest_${suffix}`;
  const constraint = `launcher_test_id_${suffix}`;
  const index = `launcher_test_vec_${suffix}`;
  let driver: Driver;
  const q = (cypher: string, params?: Record<string, unknown>) => driver.executeQuery(cypher, params, { database });

  beforeAll(async () => {
    driver = neo4j.driver(uri!, user ? neo4j.auth.basic(user, inject('neo4jPassword') ?? '') : undefined);
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    if (!driver) return;
    await q(`MATCH (n:\`${label}\`) DETACH DELETE n`);
    await q(`DROP INDEX \`${index}\` IF EXISTS`);
    await q(`DROP CONSTRAINT \`${constraint}\` IF EXISTS`);
    await driver.close();
  });

  it('runs a query', async () => {
    const { records } = await q('RETURN 1 AS one');
    expect(records[0]?.get('one').toNumber()).toBe(1);
  });

  it('creates a constraint and a vector index and finds the nearest node', async () => {
    await q(`CREATE CONSTRAINT \`${constraint}\` FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`);
    await q(
      `CREATE VECTOR INDEX \`${index}\` FOR (n:\`${label}\`) ON (n.embedding)
       OPTIONS { indexConfig: { \`vector.dimensions\`: ${DIM}, \`vector.similarity_function\`: 'cosine' } }`,
    );
    await q('CALL db.awaitIndexes(120)');

    await q(`UNWIND $rows AS row CREATE (n:\`${label}\` {id: row.id, embedding: row.embedding})`, {
      rows: [
        { id: 'a', embedding: vec(0.1) },
        { id: 'b', embedding: vec(0.7) },
        { id: 'c', embedding: vec(2.3) },
      ],
    });
    await expect(q(`CREATE (:\`${label}\` {id: 'a'})`)).rejects.toThrow(/already exists/);

    const { records } = await q(
      `CALL db.index.vector.queryNodes($index, 3, $query) YIELD node, score RETURN node.id AS id, score`,
      { index, query: vec(0.7, 0.05) }, // close to "b"
    );
    expect(records.map((r) => r.get('id'))).toHaveLength(3);
    expect(records[0]?.get('id')).toBe('b');
    expect(records[0]?.get('score')).toBeGreaterThan(0.99);
  });
});
