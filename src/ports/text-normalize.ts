/**
 * The one normalisation used for name and alias matching everywhere (both graph adapters,
 * entity linking), so "Ｘ１ 耳机", "x1耳机" and "X1 耳机" meet on the same key.
 * NFKC folds full-width forms; whitespace and punctuation carry no identity in a name.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Light normalisation for display-preserving comparisons: NFKC, trimmed, single spaces. */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
