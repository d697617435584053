/** mulberry32: a tiny seeded PRNG, so hold-out splits and subsamples are identical on every run and machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A deterministic subsample of `limit` items (seeded), kept in their original order so a
 * `--limit` run asks a stable, spread-out subset rather than the first N of the file.
 */
export function subsample<T>(items: readonly T[], limit: number | undefined, seed: number): T[] {
  if (limit === undefined || limit >= items.length) return [...items];
  const picked = shuffled(
    items.map((_, i) => i),
    mulberry32(seed),
  )
    .slice(0, Math.max(0, limit))
    .sort((a, b) => a - b);
  return picked.map((i) => items[i]!);
}
