/** A unit vector pointing mostly along `axis`, with a small deterministic tail so vectors differ. */
export function axisVector(axis: number, dimension = 512, tilt = 0.1): Float32Array {
  const v = new Float32Array(dimension);
  v[axis % dimension] = 1;
  v[(axis + 1) % dimension] = tilt;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
