import { resolve } from 'node:path';
import { judge } from '../../src/eval/run-eval.js';
import type { GraphNode, GraphStore } from '../../src/ports/graph-store.js';
import { cleanText, matchKey } from '../../src/ports/text-normalize.js';
import type { AskResult } from '../../src/qa/types.js';
import { datasetsDir, type NlpccItem, parseNlpcc, readText, SEED, type SourceFile, triplesTsv } from './datasets.js';
import { type BenchContext, ingestCounts, sourcesOf, withPack } from './harness.js';
import {
  type Asked,
  askAll,
  countBy,
  latency,
  r1,
  r4,
  ratio,
  traceCandidates,
  traceMentions,
  tracePredicates,
  traceTraverse,
} from './measure.js';
import { mulberry32, shuffled, subsample } from './prng.js';
import { type FailureSample, type RunOutput, TITLES } from './result.js';

const TRAIN = 'nlpcc-iccpol-2016.kbqa.training-data';
const TEST = 'nlpcc-iccpol-2016.kbqa.testing-data';
/** Separator the ingest uses when one subject has several values for one predicate. */
const MULTI = '；';

/** The answer normalisation of the exact-match metric: NFKC and trimmed, nothing else. */
export const norm = (s: string) => s.normalize('NFKC').trim();

export interface NlpccScore {
  answered: boolean;
  exact: boolean;
  /** Matched only as one of several `；`-joined values of one fact. */
  exactViaMulti: boolean;
  contains: boolean;
  f1: number;
  /** A fact with the gold subject and predicate was returned (whatever its value). */
  goldTriple: boolean;
}

/** Scores one answer against the gold answer (the object of the gold triple). */
export function scoreNlpcc(item: NlpccItem, r: AskResult): NlpccScore {
  const answered = r.status === 'answered';
  const gold = norm(item.answer);
  const values = new Set<string>();
  let whole = false;
  let part = false;
  for (const f of r.facts) {
    const raw = String(f.object);
    if (norm(raw) === gold) whole = true;
    // Split before normalising: NFKC turns the full-width `；` into `;`.
    const parts = raw.split(MULTI).map(norm).filter(Boolean);
    if (parts.includes(gold)) part = true;
    for (const p of parts) values.add(p);
  }
  const exact = answered && (whole || part);
  const hit = answered && values.has(gold) ? 1 : 0;
  const precision = answered && values.size ? hit / values.size : 0;
  const recall = hit; // one gold answer per question in NLPCC 2016
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const contains = judge({ question: item.question, expect: [item.answer] }, r).ok;
  const goldTriple =
    answered &&
    r.facts.some((f) => cleanText(f.subjectName) === cleanText(item.subject) && f.predicate === item.predicate);
  return { answered, exact, exactViaMulti: exact && !whole, contains, f1, goldTriple };
}

/** Folds case, width and spacing, like the project eval, to find a value inside composed answer text. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

interface Gold {
  ids: Set<string>;
  /** Attribute keys and relation types the gold subject holds in the graph. */
  own: Set<string>;
}

/**
 * Attributes a miss to the first pipeline stage that went wrong, from the debug trace and the
 * known gold triple: link → map (label, then meaning) → choose → decide. Each category is
 * suffixed with the outcome (`wrong answer`, or the status when the engine did not answer).
 */
export function categoriseNlpcc(
  item: NlpccItem,
  r: AskResult,
  s: NlpccScore,
  gold: Gold,
): { category: string; detail: string } {
  const mentions = traceMentions(r);
  const lexical = tracePredicates(r);
  const outcome = r.status === 'answered' ? 'wrong answer' : r.status;
  if (!mentions || !lexical) return { category: `unknown (no trace) → ${outcome}`, detail: '' };
  const weighed = traceCandidates(r);
  const graphReadings = weighed?.filter((c) => c.kind.startsWith('graph')) ?? [];
  const detail =
    `linked [${mentions.map((m) => `${m.text}${m.candidates.length > 1 ? `×${m.candidates.length}` : ''}`).join(', ')}]` +
    ` label-mapped [${lexical.slice(0, 4).join(', ')}]` +
    (weighed ? ` readings [${weighed.map((c) => `${c.kind} ${c.confidence}`).join(', ')}]` : '');
  const cat = (stage: string) => ({ category: `${stage} → ${outcome}`, detail });
  const q = matchKey(item.question);
  // Another linked name whose text covers `key` (the longest-match linker took the span).
  const covered = (key: string) => mentions.some((m) => matchKey(m.text) !== key && matchKey(m.text).includes(key));
  const linked = mentions.filter((m) => m.candidates.some((c) => gold.ids.has(c)));
  if (linked.length === 0) {
    const key = matchKey(item.subject);
    if (!q.includes(key)) return cat('entity not linked: name not in question');
    return cat(covered(key) ? 'entity not linked: a longer name covers it' : 'entity not linked: name in question');
  }
  if (linked.every((m) => m.candidates.length > 1)) return cat('entity ambiguous: homonym names');
  if (r.status === 'answered' && s.goldTriple) return cat('gold fact returned, value differs');
  if (!lexical.includes(item.predicate)) {
    const key = matchKey(item.predicate);
    if (q.includes(key) && mentions.some((m) => matchKey(m.text).includes(key))) {
      return cat('predicate label in question but linked as an entity');
    }
    if (q.includes(key)) return cat('predicate label in question, not mapped');
    const goldValue = fold(item.answer);
    const right = graphReadings.find((c) => goldValue && fold(c.answer).includes(goldValue));
    if (right) return cat('right fact found by meaning, not chosen / below the bar');
    if (lexical.length > 0 && !lexical.some((p) => gold.own.has(p))) {
      return cat("a question word is another entity's predicate label (no by-meaning mapping)");
    }
    if (lexical.length > 0) return cat('label mapped to another predicate of the entity');
    if (!weighed) return cat('predicate paraphrased, not mapped');
    return cat(
      graphReadings.length
        ? 'predicate paraphrased, by-meaning mapping chose another predicate'
        : 'predicate paraphrased, by-meaning mapping found none',
    );
  }
  const tr = traceTraverse(r);
  if (tr?.predicate && tr.predicate !== item.predicate) return cat('another mapped predicate chosen');
  if (tr?.entity && !gold.ids.has(tr.entity)) return cat('another linked entity chosen');
  if (r.status !== 'answered') return cat('entity and predicate found, not answered');
  return cat('another reading chosen');
}

export async function runNlpcc(ctx: BenchContext): Promise<RunOutput> {
  const t0 = performance.now();
  const dir = resolve(datasetsDir(), 'nlpcc2016-kbqa');
  const files: SourceFile[] = [];
  const train = parseNlpcc(await readText(resolve(dir, TRAIN), files), TRAIN);
  const test = parseNlpcc(await readText(resolve(dir, TEST), files), TEST);
  const kb = triplesTsv([...train, ...test]);
  ctx.log(
    `nlpcc: ${train.length} training + ${test.length} testing blocks → ${kb.written} distinct triples (${kb.duplicates} duplicates, ${kb.skippedEmpty} with an empty field skipped)`,
  );
  const pool = ctx.split === 'train' ? train.filter((t) => t.answer) : test;
  const items = subsample(pool, ctx.limit, SEED);

  return withPack(ctx, 'nlpcc', { 'kb.tsv': kb.text }, async ({ services, summary, packMs, ingestMs }) => {
    const { asked, warmupMs, totalMs } = await askAll(services.qa, items, (it) => it.question, 'nlpcc', ctx.log);
    const scored = asked.map((a) => ({ ...a, s: scoreNlpcc(a.q, a.result) }));
    const n = scored.length;
    const count = (f: (x: (typeof scored)[number]) => boolean) => scored.filter(f).length;
    const answered = count((x) => x.s.answered);
    const exact = count((x) => x.s.exact);

    const goldCache = new Map<string, Gold>();
    const goldOf = async (subject: string): Promise<Gold> => {
      let g = goldCache.get(subject);
      if (!g) {
        const nodes = await entityNodes(services.store, subject);
        const own = new Set<string>();
        for (const n of nodes) for (const k of Object.keys(n.attributes)) own.add(k);
        for (const n of nodes) for (const rel of await services.store.relationships(n.id)) own.add(rel.type);
        g = { ids: new Set(nodes.map((n) => n.id)), own };
        goldCache.set(subject, g);
      }
      return g;
    };
    const failures: (Asked<NlpccItem> & { s: NlpccScore; category: string; detail: string })[] = [];
    for (const x of scored) {
      if (x.s.exact) continue;
      failures.push({ ...x, ...categoriseNlpcc(x.q, x.result, x.s, await goldOf(x.q.subject)) });
    }
    const samples: FailureSample[] = shuffled(failures, mulberry32(SEED))
      .slice(0, ctx.samples)
      .map((f) => ({
        category: f.category,
        question: f.q.question,
        expected: `${f.q.answer}   (gold: ${f.q.subject} ||| ${f.q.predicate})`,
        got: f.result.answer.slice(0, 140),
        status: `${f.result.status} ${f.result.confidence}`,
        detail: f.detail,
      }));
    // Lexical ceiling, independent of the engine: how often the question contains the gold names at all.
    const subjectInQ = count((x) => matchKey(x.q.question).includes(matchKey(x.q.subject)));
    const predicateInQ = count((x) => matchKey(x.q.question).includes(matchKey(x.q.predicate)));
    const totalMsAll = performance.now() - t0;
    return {
      samples,
      result: {
        dataset: 'nlpcc',
        title: TITLES.nlpcc,
        ...ctx.meta,
        questions: n,
        totalQuestions: pool.length,
        limited: n < pool.length,
        split: ctx.split === 'train' ? 'training questions (development only)' : 'testing questions',
        primary: { metric: 'exact match', value: ratio(exact, n), target: 0.85 },
        abstention: ratio(n - answered, n),
        latencyMs: latency(asked.map((a) => a.ms)),
        runtimeMs: {
          pack: r1(packMs),
          ingest: r1(ingestMs),
          ask: r1(totalMs),
          warmup: r1(warmupMs),
          total: r1(totalMsAll),
        },
        ingest: ingestCounts(summary),
        statuses: countBy(asked, (a) => a.result.status),
        secondary: [
          {
            label: 'answer text contains gold',
            value: ratio(
              count((x) => x.s.contains),
              n,
            ),
            pct: true,
          },
          {
            label: 'mean F1 over answer sets',
            value: r4(scored.reduce((a, x) => a + x.s.f1, 0) / (n || 1)),
            pct: true,
          },
          { label: 'precision when answered', value: ratio(exact, answered), pct: true },
          { label: 'wrong answers', value: ratio(answered - exact, n), pct: true },
          {
            label: 'gold subject+predicate fact returned',
            value: ratio(
              count((x) => x.s.goldTriple),
              n,
            ),
            pct: true,
          },
          { label: 'exact only via a multi-value fact', value: count((x) => x.s.exactViaMulti) },
          { label: 'gold subject name in question (lexical)', value: ratio(subjectInQ, n), pct: true },
          { label: 'gold predicate name in question (lexical)', value: ratio(predicateInQ, n), pct: true },
        ],
        failureCategories: countBy(failures, (f) => f.category),
        pack: {
          triples: kb.written,
          duplicatesDropped: kb.duplicates,
          emptyFieldSkipped: kb.skippedEmpty,
          fieldsSanitised: kb.sanitised,
          hashLinesEscaped: kb.hashEscaped,
        },
        sources: sourcesOf(files),
      },
    };
  });
}

/** The entities the KB made of a subject name (exact name first; a name can be shared after normalisation). */
async function entityNodes(store: GraphStore, subject: string): Promise<GraphNode[]> {
  const nodes = await store.findByName(subject, { kind: 'entity' });
  const exact = nodes.filter((n) => n.name === cleanText(subject));
  return exact.length ? exact : nodes;
}
