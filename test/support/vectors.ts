/**
 * One vector dimension for every test that touches Neo4j: a database holds one vector index, so all
 * tests sharing the test server must agree. It is the default embedder's (bge-small-zh 512 +
 * bge-small-en 384), so the real-model end-to-end tests share the server too.
 */
export const TEST_DIMENSION = 896;

/** A unit vector pointing mostly along `axis`, with a small deterministic tail so vectors differ. */
export function axisVector(axis: number, dimension = TEST_DIMENSION, tilt = 0.1): Float32Array {
  const v = new Float32Array(dimension);
  v[axis % dimension] = 1;
  v[(axis + 1) % dimension] = tilt;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
