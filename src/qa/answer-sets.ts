import type { GraphNode, GraphStore } from '../ports/graph-store.js';
import { matchKey } from '../ports/text-normalize.js';
import { composeComparison, composeExtreme, composeList } from './compose.js';
import { members } from './graph-context.js';
import { type KnowledgeIndex, namedKinds, type SchemaItemInfo } from './knowledge-index.js';
import { mapPredicatesByMeaning, type PredicateMatch, type Residual } from './map-predicate.js';
import type { QuestionCues } from './question-cues.js';
import { baseResult, citeNode } from './result-parts.js';
import { calibrate, type Thresholds } from './thresholds.js';
import type { Fact, Language } from './types.js';

interface SetInput {
  store: GraphStore;
  index: KnowledgeIndex;
  entities: GraphNode[];
  lexical: PredicateMatch[];
  residual: Residual;
  cues: QuestionCues;
  lang: Language;
  t: Thresholds;
  /** The attribute the conversation asked about last, for "哪个更贵" after two price questions. */
  recentPredicate?: string;
  /** The named groups are joined by "and" / "和": list the members of either, not of both. */
  joined?: boolean;
  /** The question's comparative/superlative words ("lighter", "最贵"), when it has any. */
  degree?: Residual;
}

interface SetCandidate {
  kind: string;
  confidence: number;
  entities: GraphNode[];
  predicate?: string;
  build(): ReturnType<typeof baseResult>;
}

/** Numeric attributes every one of `nodes` has, in the same unit: what they can be compared on. */
function sharedNumeric(nodes: GraphNode[], index: KnowledgeIndex): SchemaItemInfo[] {
  const keys = Object.keys(nodes[0]?.attributes ?? {}).filter((k) => {
    const qs = nodes.map((n) => quantity(n.attributes[k]?.value));
    return qs.every((q) => q !== undefined && q.unit === qs[0]!.unit);
  });
  return keys.map((k) => index.schema.get(`schema:attribute:${k}`)).filter((i): i is SchemaItemInfo => !!i);
}

async function pickPredicate(
  input: SetInput,
  candidates: SchemaItemInfo[],
): Promise<{ info: SchemaItemInfo; confidence: number } | undefined> {
  const ids = new Set(candidates.map((c) => c.id));
  const lexical = input.lexical.find((p) => ids.has(p.info.id));
  if (lexical) return { info: lexical.info, confidence: input.t.setExact };
  // The whole question, or its comparative words alone: "lighter" names the weight more plainly
  // than "Which mouse is lighter, the … or the …?".
  const readings = [input.residual, ...(input.degree ? [input.degree] : [])];
  const ranked = (await Promise.all(readings.map((r) => mapPredicatesByMeaning(r, candidates, input.store)))).flat();
  const best = ranked.sort((a, b) => b.score - a.score)[0];
  const byMeaning = best && {
    info: best.info,
    confidence: Math.min(input.t.byMeaningCap, calibrate(best.score, input.t.predicate[input.lang])),
  };
  // Nothing in the question names the attribute clearly: the one the conversation was about.
  const recent = candidates.find((c) => c.id === input.recentPredicate);
  if (recent && (!byMeaning || byMeaning.confidence < input.t.answer))
    return { info: recent, confidence: input.t.answer };
  return byMeaning;
}

/** "X1 和 X2 哪个续航更长": the shared numeric attribute the question asks about, compared. */
export async function answerComparison(input: SetInput): Promise<SetCandidate | undefined> {
  const nodes = input.entities.slice(0, 4);
  // Equal values tell nothing apart: "次日达和标准快递，首重哪个贵" is not about the first weight
  // (1 kg for both) but about its price.
  const differing = sharedNumeric(nodes, input.index).filter(
    (info) => new Set(nodes.map((n) => toNumber(n.attributes[info.key]?.value))).size > 1,
  );
  const picked = await pickPredicate(input, differing);
  if (!picked) return undefined;
  const { info } = picked;
  const rows = nodes.map((node) => ({
    node,
    raw: String(node.attributes[info.key]!.value),
    value: toNumber(node.attributes[info.key]!.value),
  }));
  const dir = input.cues.direction ?? 'max';
  const winner = rows.reduce((a, b) => (dir === 'max' ? (b.value > a.value ? b : a) : b.value < a.value ? b : a)).node;
  const facts = rows.map((r) => attributeFact(r.node, info.key));
  return {
    kind: 'compare',
    confidence: picked.confidence,
    entities: nodes,
    predicate: info.id,
    build: () => ({
      ...baseResult('answered', picked.confidence, input.lang, nodes),
      facts,
      citations: facts.map((f) => ({
        sourceId: f.source,
        title: f.subjectName,
        excerpt: `${f.subjectName} · ${info.key}: ${f.object}`,
        location: f.location,
        nodeId: f.subject,
      })),
      answer: composeComparison(rows, winner, info, dir, input.lang),
    }),
  };
}

/** Members of the named group(s), of the kind the question names if any: a brand's products, a category's items, or both at once. */
async function groupMembers(
  input: Pick<SetInput, 'store' | 'index' | 'residual' | 'entities' | 'joined'>,
): Promise<{ groups: GraphNode[]; items: GraphNode[] } | undefined> {
  const asked = namedKinds(input.index, input.residual.text);
  const groups: GraphNode[] = [];
  let items: GraphNode[] | undefined;
  for (const e of input.entities.slice(0, 3)) {
    const m = await members(input.store, e, asked);
    if (m.length === 0) continue;
    groups.push(e);
    if (!items) items = m;
    else if (input.joined) items = [...items, ...m.filter((n) => !items!.some((i) => i.id === n.id))];
    else {
      const ids = new Set(m.map((n) => n.id));
      items = items.filter((n) => ids.has(n.id));
    }
  }
  return groups.length && items?.length ? { groups, items } : undefined;
}

/** "罗技有哪些商品", "有哪几款平板电脑": the group's members by name. */
export async function answerList(
  input: Pick<SetInput, 'store' | 'index' | 'residual' | 'entities' | 'lang' | 't' | 'joined'>,
): Promise<SetCandidate | undefined> {
  const found = await groupMembers(input);
  if (!found) return undefined;
  const { groups, items } = found;
  // "In which towns can I get Fibre 1 Gig?" names the kind it wants; the add-ons that point at the
  // plan are not of it.
  const asked = namedKinds(input.index, input.residual.text);
  if (asked.size > 0 && !items.some((n) => asked.has(n.type))) return undefined;
  const join = input.joined ? (input.lang === 'zh' ? '和' : ' and ') : input.lang === 'zh' ? '的' : ' ';
  return listCandidate(groups.map((g) => g.name).join(join), 'member of', items, groups, input);
}

/** A list answer: the items by name, each a fact of `relation` to the list's title, with citations. */
function listCandidate(
  title: string,
  relation: string,
  items: GraphNode[],
  groups: GraphNode[],
  input: Pick<SetInput, 'lang' | 't'>,
): SetCandidate {
  const confidence = input.t.setExact;
  return {
    kind: 'list',
    confidence,
    entities: groups,
    build: () => ({
      ...baseResult('answered', confidence, input.lang, groups),
      facts: items.map((n) => ({
        subject: n.id,
        subjectName: n.name,
        predicate: relation,
        object: title,
        source: n.provenance[0]!.source,
        location: n.provenance[0]!.location,
      })),
      citations: items.slice(0, 20).map((n) => citeNode(n, n.name, n.text || n.name)),
      answer: composeList(
        title,
        items.map((n) => n.name),
        input.lang,
      ),
    }),
  };
}

/**
 * "What membership levels do you have?": a word that several names of one kind share, in a list
 * question that asks for nothing about them, asks for those things themselves.
 */
export function answerSharedName(
  title: string,
  items: GraphNode[],
  input: Pick<SetInput, 'lang' | 't'>,
): SetCandidate | undefined {
  if (items.length < 2 || new Set(items.map((n) => n.type)).size > 1) return undefined;
  return listCandidate(title, 'name shared', items, [], input);
}

/** Most entities a list of a whole type names; a type with more is not a list to read out. */
const TYPE_LIST_MAX = 50;

/**
 * "你们有哪几种贷款产品", "What branches do you have?": every entity of the one type the question
 * names by a type label or synonym, when it names no entity to list the members of.
 */
export async function answerTypeList(
  question: string,
  input: Pick<SetInput, 'store' | 'index' | 'lang' | 't'>,
  unexplained = '',
): Promise<SetCandidate | undefined> {
  const found = input.index.types.find(question);
  const named = new Map<string, GraphNode[]>();
  for (const id of new Set(found.flatMap((m) => m.ids))) {
    if (!id.startsWith('schema:type:')) return undefined;
    const type = id.slice('schema:type:'.length);
    named.set(id, await input.store.listNodes({ kind: 'entity', type, limit: TYPE_LIST_MAX + 1 }));
  }
  // A kind with one member is the organisation speaking of itself ("学校下面都有哪些学院": the one
  // college), not what is listed.
  const many = [...named].filter(([, nodes]) => nodes.length > 1);
  const [only] = named.size === 1 ? [...named] : many.length === 1 ? many : [];
  if (!only) return undefined;
  const [typeId, items] = only;
  if (items.length === 0 || items.length > TYPE_LIST_MAX) return undefined;
  const match = found.find((m) => m.ids.includes(typeId))!;
  const picked = pickedOut(items, unexplained, matchKey(question), match.end);
  if (!picked) return undefined;
  // Titled with the customer's own word for the kind ("branches"), not the schema's singular label,
  // unless that word is a whole question a pack listed as a synonym ("what short courses do you run").
  const words = matchKey(question).slice(match.start, match.end);
  const label = input.index.schema.get(typeId)?.labels[input.lang];
  const title = label && /\b(what|which|do you)\b|哪|什么|有没有/.test(words) ? label : words;
  return listCandidate(title, 'type', picked, [], input);
}

/**
 * The members a list question's other words pick out by their names and facts ("Which customer centres
 * can I walk into?": those whose facts say walk-in; "分时电价的套餐有哪几个": the time-of-use tariffs); a
 * description's prose tells too much to pick by ("open" in "open one for a child"). A word every member has
 * picks none out. A word no member has is the customer's own wording ("Which leisure centres does the
 * council run?", "学校一共有哪几个宿舍"), unless the question asks for members that have it ("哪些停车区有
 * 充电桩", "Which libraries have a café?"): then nobody is picked. Undefined when nobody is picked.
 */
function pickedOut(items: GraphNode[], unexplained: string, key: string, kindEnd: number): GraphNode[] | undefined {
  const words = unexplained.split(' ').filter((w) => w.length >= 2);
  if (words.length === 0) return items;
  const texts = items.map((n) =>
    matchKey([n.name, ...n.aliases, ...Object.values(n.attributes).map((a) => String(a.value))].join(' ')),
  );
  const has = (text: string, word: string) =>
    /^[a-z0-9]+$/.test(word) ? new RegExp(`\\b${word.replace(/e?s$/, '')}`).test(text) : text.includes(word);
  const after = key.slice(kindEnd);
  const asksFor = (word: string) =>
    /^[a-z0-9]+$/.test(word) ? FILTERING.test(after) && new RegExp(`\\b${word}\\b`).test(after) : after.includes(word);
  const picking: string[] = [];
  for (const w of words) {
    const n = texts.filter((t) => has(t, w)).length;
    if (n === 0 && asksFor(w)) return undefined;
    if (n > 0 && n < items.length) picking.push(w);
  }
  const picked = items.filter((_, i) => picking.every((w) => has(texts[i]!, w)));
  return picked.length ? picked : undefined;
}

/** A kind followed by what its members must have or do ("libraries have…", "stores that sell…"). */
const FILTERING =
  /^ (have|has|with|without|offer|offers|sell|sells|stock|stocks|provide|provides|accept|accepts|take|takes|that|which|where)\b(?! (you|we|i|they)\b)/;

/** "续航最长的耳机是哪款": the member with the highest or lowest value of the asked attribute. */
export async function answerExtreme(input: SetInput): Promise<SetCandidate | undefined> {
  const found = await groupMembers(input);
  if (!found) return undefined;
  // Members whose value is a quantity in the unit most of them use: "2 年" does not outrank "18 个月".
  const withValues = (info: SchemaItemInfo) => {
    const qs = found.items.map((n) => ({ n, q: quantity(n.attributes[info.key]?.value) }));
    const counts = new Map<string, number>();
    for (const { q } of qs) if (q) counts.set(q.unit, (counts.get(q.unit) ?? 0) + 1);
    const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    return qs.filter(({ q }) => q && q.unit === common).map(({ n }) => n);
  };
  const keys = new Map<string, SchemaItemInfo>();
  for (const n of found.items) for (const info of sharedNumeric([n], input.index)) keys.set(info.id, info);
  const picked = await pickPredicate(input, [...keys.values()]);
  if (!picked) return undefined;
  const rows = withValues(picked.info);
  if (rows.length === 0) return undefined;
  const dir = input.cues.direction ?? 'max';
  const key = picked.info.key;
  const winner = rows.reduce((a, b) => {
    const [va, vb] = [toNumber(a.attributes[key]!.value), toNumber(b.attributes[key]!.value)];
    return dir === 'max' ? (vb > va ? b : a) : vb < va ? b : a;
  });
  const title = found.groups.map((g) => g.name).join(input.lang === 'zh' ? '的' : ' ');
  const fact = attributeFact(winner, key);
  return {
    kind: 'extreme',
    confidence: picked.confidence,
    entities: [winner],
    predicate: picked.info.id,
    build: () => ({
      ...baseResult('answered', picked.confidence, input.lang, [winner]),
      facts: [fact],
      citations: [
        {
          sourceId: fact.source,
          title: winner.name,
          excerpt: `${winner.name} · ${key}: ${fact.object}`,
          location: fact.location,
          nodeId: winner.id,
        },
      ],
      answer: composeExtreme(title, winner, fact.object, picked.info, dir, input.lang),
    }),
  };
}

function attributeFact(node: GraphNode, key: string): Fact {
  const a = node.attributes[key]!;
  return {
    subject: node.id,
    subjectName: node.name,
    predicate: key,
    object: String(a.value),
    source: a.source,
    location: a.location,
  };
}

function toNumber(v: unknown): number {
  return quantity(v)?.value ?? Number.NaN;
}

// One number, maybe with thousands separators, a currency sign or code before it and a unit after it.
const QUANTITY = /^([^\d\s-]{0,3})\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\s*([^\d]*)$/u;

/**
 * A value that is one quantity ("£5,000,000", "38000 元/学年", "85"), with what it counts (the sign
 * and unit around it): values are compared only within one unit. Ranges and lists are not one.
 */
function quantity(v: unknown): { value: number; unit: string } | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v, unit: '' } : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.normalize('NFKC').trim());
  if (!m) return undefined;
  return { value: Number(`${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`), unit: `${m[1]}|${m[4]!.trim()}` };
}
