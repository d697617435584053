import { atWordEdge, matchKey } from '../ports/text-normalize.js';
import { getOrCreate } from '../util/get-or-create.js';

export interface NameEntry {
  text: string;
  id: string;
}

export interface NameMatch {
  /** The name as written in the index. */
  name: string;
  ids: string[];
  /** Offsets in the match key of the text (not the raw text). */
  start: number;
  end: number;
}

// Long enough for full English names of institutions ("Linjiang Housing Provident Fund Management Center").
const MAX_NAME = 100;
/** An English plural ending after a name ("colours", "smartwatches"): still the name. */
const PLURAL_END = /^(?:e?s)(?![a-z0-9])/;

/**
 * Finds known names inside free text, longest first and without overlaps. Cost is
 * text length × longest name, independent of how many names are indexed.
 */
export function createNameMatcher(
  entries: Iterable<NameEntry>,
  opts: {
    minLength?: number;
    /**
     * Also read a plural name in the singular ("laptops" for "the lightest laptop"). For names of
     * things and kinds; a plural inside a phrase ("which services") is no noun to make singular.
     */
    singulars?: boolean;
  } = {},
) {
  const minLength = opts.minLength ?? 2;
  const index = new Map<string, { name: string; ids: Set<string> }>();
  let longest = 0;
  const add = (key: string, name: string, id: string) => {
    if (key.length < minLength || key.length > MAX_NAME) return;
    getOrCreate(index, key, () => ({ name, ids: new Set<string>() })).ids.add(id);
    longest = Math.max(longest, key.length);
  };
  for (const { text, id } of entries) {
    add(matchKey(text), text, id);
    // The match key drops symbols, so "keyboards & mice" would never meet "keyboards and mice".
    if (text.includes('&')) add(matchKey(text.replaceAll('&', ' and ')), text, id);
    // A plural name ("laptops") also stands for one of its kind ("the lightest laptop").
    if (opts.singulars) for (const singular of singularsOf(matchKey(text))) add(singular, text, id);
    // "libraries" for "library": an -s after the name (see pluralEnd) cannot spell it.
    const ies = iesPlural(matchKey(text));
    if (ies) add(ies, text, id);
  }

  return {
    size: index.size,
    /** Exact lookup of a whole phrase. */
    lookup(text: string): string[] {
      return [...(index.get(matchKey(text))?.ids ?? [])];
    },
    find(text: string): NameMatch[] {
      const key = matchKey(text);
      const found: NameMatch[] = [];
      let i = 0;
      while (i < key.length) {
        let hit: NameMatch | undefined;
        for (let len = Math.min(longest, key.length - i); len >= minLength; len--) {
          const slot = index.get(key.slice(i, i + len));
          if (!slot) continue;
          const end = atWordEdge(key, i, i + len) ? i + len : pluralEnd(key, i, i + len);
          if (end !== undefined) {
            hit = { name: slot.name, ids: [...slot.ids], start: i, end };
            break;
          }
        }
        if (hit) {
          found.push(hit);
          i = hit.end;
        } else i++;
      }
      return found;
    },
  };
}

export type NameMatcher = ReturnType<typeof createNameMatcher>;

/** Where a Latin name followed by a plural ending ends, ending included; undefined when it is not one. */
function pluralEnd(key: string, start: number, end: number): number | undefined {
  const startsInsideWord = /[a-z0-9]/.test(key[start] ?? '') && /[a-z0-9]/.test(key[start - 1] ?? '');
  if (startsInsideWord || !/[a-z]/.test(key[end - 1] ?? '')) return undefined;
  const m = PLURAL_END.exec(key.slice(end));
  return m ? end + m[0].length : undefined;
}

/** The key with its last English word made singular ("laptops" → "laptop", "watches" → "watch", "libraries" → "library"). */
function singularsOf(key: string): string[] {
  if (!/[a-z]{3}s$/.test(key) || /(ss|us|is)$/.test(key)) return [];
  const out = [key.slice(0, -1)];
  if (/(ch|sh|x|s|z)es$/.test(key)) out.push(key.slice(0, -2));
  if (/[a-z][^aeiou]ies$/.test(key)) out.push(`${key.slice(0, -3)}y`);
  return out;
}

/** The plural of a key whose last English word ends in a consonant and -y ("library" → "libraries"). */
function iesPlural(key: string): string | undefined {
  return /[a-z]{2}[b-df-hj-np-tv-xz]y$/.test(key) ? `${key.slice(0, -1)}ies` : undefined;
}
