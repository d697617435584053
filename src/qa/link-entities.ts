import type { GraphNode, GraphStore, TermHit } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { allowedTypos, substringEditDistance } from './fuzzy-match.js';
import type { KnowledgeIndex } from './knowledge-index.js';

export interface EntityMention {
  /** The name as indexed. */
  text: string;
  /** More than one when the name is shared (ambiguous). */
  candidates: GraphNode[];
  /** Offsets in `matchKey(question)`. */
  start: number;
  end: number;
  via: 'name' | 'fuzzy' | 'partial';
  score: number;
}

/**
 * Entities the question names: exact names and aliases found inside it (normalised for case, width
 * and spacing), then names that appear with a typo among the nearest entity terms by meaning.
 */
export async function linkEntities(
  question: string,
  index: KnowledgeIndex,
  store: GraphStore,
  nearest: () => Promise<TermHit[]>,
  opts: { partial: boolean } = { partial: true },
): Promise<EntityMention[]> {
  const mentions: EntityMention[] = [];
  for (const m of index.entities.find(question)) {
    const candidates = (await store.getNodes(m.ids)).filter((n) => n.kind === 'entity');
    if (candidates.length === 0) continue;
    mentions.push({ text: m.name, candidates, start: m.start, end: m.end, via: 'name', score: 1 });
  }
  const key = matchKey(question);
  // A longer name read with a typo beats shorter exact names inside it: "北京歌星投资有限公司" is
  // "北京大歌星投资有限公司", not "北京" + "歌星投资有限公司".
  const swallowed = (m: EntityMention, s: number, e: number) =>
    m.via === 'name' && s <= m.start && m.end <= e && m.end - m.start + SWALLOW_MARGIN <= e - s;
  const blocked = (s: number, e: number) => mentions.some((m) => s < m.end && m.start < e && !swallowed(m, s, e));
  const fuzzy = new Map<string, EntityMention>();
  const hits = await nearest();
  for (const hit of hits) {
    const name = matchKey(hit.text);
    const typos = allowedTypos(name.length);
    if (typos === 0) continue;
    const { distance, end } = substringEditDistance(name, key);
    if (distance === 0 || distance > typos) continue;
    const start = Math.max(0, end - name.length);
    // A reading that starts or ends inside a Latin word is a coincidence ("gl s1 c|ome" is not "GL-K1-C").
    if (blocked(start, end) || !atEdges(key, start, end)) continue;
    // A different digit is a different model (iPhone 14 is not a typo of iPhone 15).
    if (digits(key.slice(Math.max(0, start - 1), end + 1)) !== digits(name)) continue;
    // So is a different letter that stands alone ("vitamin D" is not "vitamin C", "Plan B" not "Plan A").
    if (!shortWordsKept(name, key.slice(start, end))) continue;
    const prev = fuzzy.get(hit.text);
    if (prev) {
      if (!prev.candidates.some((c) => c.id === hit.target)) {
        const node = await store.getNode(hit.target);
        if (node) prev.candidates.push(node);
      }
      continue;
    }
    const node = await store.getNode(hit.target);
    if (node?.kind === 'entity') {
      fuzzy.set(hit.text, {
        text: hit.text,
        candidates: [node],
        start,
        end,
        via: 'fuzzy',
        score: 1 - distance / name.length,
      });
    }
  }
  // Keep the best fuzzy reading of each stretch of the question.
  for (const m of [...fuzzy.values()].sort((a, b) => b.score - a.score || b.text.length - a.text.length)) {
    if (blocked(m.start, m.end)) continue;
    for (let i = mentions.length - 1; i >= 0; i--) if (swallowed(mentions[i]!, m.start, m.end)) mentions.splice(i, 1);
    mentions.push(m);
  }
  if (opts.partial) {
    // A longer stretch of a name beats a shorter name inside it: "the Pro power bank" is one of the
    // "… Pro power bank" products, not the category "power bank".
    const inside = (m: EntityMention, s: number, e: number) =>
      s <= m.start && m.end <= e && m.end - m.start + SWALLOW_MARGIN <= e - s;
    const taken = (s: number, e: number) => mentions.some((m) => s < m.end && m.start < e && !inside(m, s, e));
    // A stretch that is the name of a kind ("the library", "宿舍") speaks of the kind, not of the
    // entities whose names hold it.
    const kindName = (s: number, e: number) => index.types.lookup(key.slice(s, e)).length > 0;
    for (const p of await partialMentions(key, hits, store, (s, e) => taken(s, e) || kindName(s, e))) {
      for (let i = mentions.length - 1; i >= 0; i--) if (inside(mentions[i]!, p.start, p.end)) mentions.splice(i, 1);
      mentions.push(p);
    }
  }
  for (const m of mentions) widenToOwnWords(m, key, mentions);
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * Grows a mention over the Latin words beside it that belong to the same entity's other names
 * ("Beijing" in "the Beijing Guomao branch" when "Guomao branch" and "Beijing Guomao Sub-branch"
 * are both its names): they name the entity, not what is asked about it.
 */
function widenToOwnWords(m: EntityMention, key: string, all: EntityMention[]): void {
  if (m.candidates.length !== 1) return;
  const node = m.candidates[0]!;
  const words = new Set([node.name, ...node.aliases].flatMap((n) => matchKey(n).match(/[a-z0-9]+/g) ?? []));
  const free = (s: number, e: number) => !all.some((o) => o !== m && s < o.end && o.start < e);
  for (;;) {
    const before = /([a-z0-9]+) $/.exec(key.slice(0, m.start));
    if (!before || !words.has(before[1]!) || !free(m.start - before[0].length, m.start)) break;
    m.start -= before[0].length;
  }
  for (;;) {
    const after = /^ ([a-z0-9]+)/.exec(key.slice(m.end));
    if (!after || !words.has(after[1]!) || !free(m.end, m.end + after[0].length)) break;
    m.end += after[0].length;
  }
}

/** How much longer than the exact names inside it a typo reading must be to replace them. */
const SWALLOW_MARGIN = 2;

const digits = (s: string) => (s.match(/\d+/g) ?? []).join(' ');

/** Whether every Latin word of one or two letters in `name` is a whole word of `read` too. */
function shortWordsKept(name: string, read: string): boolean {
  const words = new Set(read.match(/[a-z]+/g) ?? []);
  return (name.match(/\b[a-z]{1,2}\b/g) ?? []).every((w) => words.has(w));
}

/** Shortest stretch of a name that may stand for it, and the share of the name it must cover. */
const PARTIAL_MIN_CHARS = 4;
/**
 * "人民路那家", "火车站那个店": the question points at one thing by a stretch of its name, so a shorter
 * stretch will do.
 */
const POINTED_AT = /^(那家|这家|那个|这个|那间|这间|那边的|的那家|的那个)/;
const POINTED_MIN_CHARS = 3;
const PARTIAL_MIN_SHARE = 0.6;

/**
 * Part of a name used for the whole ("那款降噪耳机", "the Pro power bank"): a long stretch of the
 * question that covers most of a nearby entity name. Several names sharing it make it ambiguous.
 */
async function partialMentions(
  key: string,
  hits: TermHit[],
  store: GraphStore,
  covered: (s: number, e: number) => boolean,
): Promise<EntityMention[]> {
  const bySpan = new Map<string, EntityMention>();
  for (const hit of hits) {
    const name = matchKey(hit.text);
    const common = longestCommon(key, name);
    const min = POINTED_AT.test(key.slice(common.start + common.length)) ? POINTED_MIN_CHARS : PARTIAL_MIN_CHARS;
    if (common.length < min || common.length / name.length < PARTIAL_MIN_SHARE) continue;
    if (common.length === name.length) continue; // whole names were linked already
    let start = common.start;
    let end = start + common.length;
    while (key[start] === ' ') start++;
    while (end > start && key[end - 1] === ' ') end--;
    if (end - start < min) continue;
    // A model number identifies: a part that drops it ("iPhone" of "iPhone 15") names no one entity.
    if (digits(key.slice(start, end)) !== digits(name)) continue;
    if (covered(start, end) || !atEdges(key, start, end)) continue;
    const node = await store.getNode(hit.target);
    if (node?.kind !== 'entity') continue;
    const span = `${start}:${end}`;
    const m = bySpan.get(span) ?? {
      text: key.slice(start, end),
      candidates: [],
      start,
      end,
      via: 'partial' as const,
      score: common.length / name.length,
    };
    if (!m.candidates.some((c) => c.id === node.id)) m.candidates.push(node);
    bySpan.set(span, m);
  }
  // A stretch shared by names of different kinds ("Northgate" of a portfolio, a service tier and an
  // app) is a brand or family word, not a short name for one of them: asking which one is meant
  // would offer unrelated things. Names of one kind sharing it ("the Pro power bank") stay ambiguous.
  return [...bySpan.values()].filter((m) => new Set(m.candidates.map((c) => c.type)).size < 2);
}

function atEdges(key: string, start: number, end: number): boolean {
  const word = /[a-z0-9]/;
  return (
    !(word.test(key[start - 1] ?? '') && word.test(key[start] ?? '')) &&
    !(word.test(key[end] ?? '') && word.test(key[end - 1] ?? ''))
  );
}

/** Longest common substring of `text` and `name`, with its start in `text`. */
function longestCommon(text: string, name: string): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  const prev = new Array<number>(name.length + 1).fill(0);
  for (let i = 1; i <= text.length; i++) {
    let diag = 0;
    for (let j = 1; j <= name.length; j++) {
      const up = prev[j]!;
      prev[j] = text[i - 1] === name[j - 1] ? diag + 1 : 0;
      diag = up;
      if (prev[j]! > best.length) best = { start: i - prev[j]!, length: prev[j]! };
    }
  }
  return best;
}
