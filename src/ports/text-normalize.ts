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

const ASCII_WORD = /[a-z0-9]/;

/**
 * A single Chinese numeral counting a unit is its digit ("三年期" / "3 年期", "一楼" / "1 楼"): packs
 * and customers write either. One character for one, so positions in the key stay those of the
 * text; not after a Latin word, another numeral or 十/百/千/万 ("十一年" stays), where it is not
 * a count on its own.
 */
const HAN_DIGIT: Record<string, string> = {
  一: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const COUNTED =
  /(?<![a-z0-9零一二两三四五六七八九十百千万])([一二两三四五六七八九])(?=\s?(年|个|月|天|日|周|期|次|岁|小时|分钟|倍|元|块|张|份|人|家|楼|层|号|级|折))/gu;

/**
 * Key for finding names inside running text: like `nameKey` but keeps one space between two
 * Latin/digit words, so "x1" does not match inside "x10" or "max1".
 */
export function matchKey(text: string): string {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim()
    .replace(COUNTED, (_, n: string) => HAN_DIGIT[n]!);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ' ') {
      if (ASCII_WORD.test(out.at(-1) ?? '') && ASCII_WORD.test(s[i + 1] ?? '')) out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

/** True when position `i` of a match key is not inside a Latin/digit word. */
export function atWordEdge(key: string, start: number, end: number): boolean {
  const first = key[start] ?? '';
  const last = key[end - 1] ?? '';
  const before = key[start - 1] ?? '';
  const after = key[end] ?? '';
  return !(ASCII_WORD.test(first) && ASCII_WORD.test(before)) && !(ASCII_WORD.test(last) && ASCII_WORD.test(after));
}
