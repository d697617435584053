/**
 * Smallest edit distance between `pattern` and any substring of `text` (Sellers' algorithm):
 * how many typos it takes for the pattern to appear in the text.
 */
export function substringEditDistance(pattern: string, text: string): { distance: number; end: number } {
  const m = pattern.length;
  let prev = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(text.length + 1);
    cur[0] = i;
    for (let j = 1; j <= text.length; j++) {
      const cost = pattern[i - 1] === text[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  let distance = Number.POSITIVE_INFINITY;
  let end = 0;
  prev.forEach((d, j) => {
    if (d < distance) {
      distance = d;
      end = j;
    }
  });
  return { distance, end };
}

/** Typos tolerated in a name of this many characters: none in short names, where one changes the meaning. */
export function allowedTypos(length: number): number {
  if (length >= 10) return 2;
  if (length >= 5) return 1;
  return 0;
}
