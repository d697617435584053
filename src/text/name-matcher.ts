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

const MAX_NAME = 48;

/**
 * Finds known names inside free text, longest first and without overlaps. Cost is
 * text length × longest name, independent of how many names are indexed.
 */
export function createNameMatcher(entries: Iterable<NameEntry>, minLength = 2) {
  const index = new Map<string, { name: string; ids: Set<string> }>();
  let longest = 0;
  for (const { text, id } of entries) {
    const key = matchKey(text);
    if (key.length < minLength || key.length > MAX_NAME) continue;
    getOrCreate(index, key, () => ({ name: text, ids: new Set<string>() })).ids.add(id);
    longest = Math.max(longest, key.length);
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
          if (slot && atWordEdge(key, i, i + len)) {
            hit = { name: slot.name, ids: [...slot.ids], start: i, end: i + len };
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
