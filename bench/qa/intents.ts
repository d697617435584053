import { resolve } from 'node:path';
import { nameKey } from '../../src/ports/text-normalize.js';
import type { AskResult } from '../../src/qa/types.js';
import {
  BITEXT_HUMAN_INTENTS,
  BITEXT_OFFENSIVE_TAG,
  datasetsDir,
  faqJsonl,
  type IntentDataset,
  type IntentQuestion,
  loadBanking77,
  loadBitext,
  SEED,
  type SourceFile,
} from './datasets.js';
import { type BenchContext, ingestCounts, sourcesOf, withPack } from './harness.js';
import { askAll, countBy, latency, r1, ratio, traceFaqTargets, traceFaqTopScore } from './measure.js';
import { mulberry32, shuffled, subsample } from './prng.js';
import { type DatasetName, type FailureSample, type Metric, type RunOutput, TITLES } from './result.js';

interface Spec {
  dataset: Extract<DatasetName, 'banking77' | 'bitext'>;
  title: string;
  target: number;
  load: (dir: string, files: SourceFile[]) => Promise<IntentDataset>;
  folder: string;
  /** Bitext: rows that should be handed to a person. */
  escalation?: boolean;
}

const SPECS: Record<Spec['dataset'], Spec> = {
  banking77: {
    dataset: 'banking77',
    title: TITLES.banking77,
    target: 0.9,
    load: loadBanking77,
    folder: 'banking77',
  },
  bitext: {
    dataset: 'bitext',
    title: TITLES.bitext,
    target: 0.95,
    load: loadBitext,
    folder: 'bitext-customer-support',
    escalation: true,
  },
};

interface Judged {
  q: IntentQuestion;
  result: AskResult;
  ms: number;
  answered: boolean;
  /** FAQ id of the first FAQ citation of an answer or hand-over (`givenFaq`). */
  predicted?: string;
  top1: boolean;
  /** top1 and answered by the bot itself (a hand-over counts as a miss). */
  top1Answered: boolean;
  /** FAQ ids of the retrieve stage, best first (undefined when the trace lacks it). */
  raw?: string[];
}

/**
 * The FAQ the engine gave: the first citation that points at one of the pack's FAQs, of an answer or
 * of a hand-over to a person (which carries the answer it found, so the agent sees it). A fallback
 * or clarification gives none, even when it lists FAQs as suggestions.
 */
export function givenFaq(r: AskResult, faqIds: ReadonlySet<string>): string | undefined {
  if (r.status !== 'answered' && r.status !== 'escalated') return undefined;
  return r.citations.find((c) => c.nodeId !== undefined && faqIds.has(c.nodeId))?.nodeId;
}

function categorise(j: Judged): string {
  if (!j.predicted) {
    if (j.answered) return 'answered without a FAQ citation';
    if (!j.raw) return `abstained (${j.result.status}), no trace`;
    return j.raw[0] === j.q.intent
      ? `abstained (${j.result.status}) though top FAQ hit was right`
      : `abstained (${j.result.status}), top FAQ hit wrong too`;
  }
  const what = j.answered ? 'wrong FAQ' : `wrong FAQ (${j.result.status})`;
  if (!j.raw) return what;
  return j.raw.includes(j.q.intent) ? `${what}, gold among 5 nearest terms` : `${what}, gold not among 5 nearest`;
}

export async function runIntents(ctx: BenchContext, which: Spec['dataset']): Promise<RunOutput> {
  const spec = SPECS[which];
  const t0 = performance.now();
  const files: SourceFile[] = [];
  const ds = await spec.load(resolve(datasetsDir(), spec.folder), files);
  const items = subsample(ds.questions, ctx.limit, SEED);
  const faqIds = new Set(ds.faqs.map((f) => f.id));
  ctx.log(
    `${which}: ${ds.faqs.length} FAQs (${ds.faqs.reduce((a, f) => a + f.alternates.length, 0)} alternates), ${items.length}/${ds.questions.length} questions`,
  );
  // Questions that also occur (normalised) among the pack's alternates: a lookup, not a generalisation.
  const altKeys = new Map<string, Set<string>>();
  for (const f of ds.faqs) {
    for (const a of [f.question, ...f.alternates]) {
      const k = nameKey(a);
      const set = altKeys.get(k) ?? new Set<string>();
      set.add(f.id);
      altKeys.set(k, set);
    }
  }

  return withPack(ctx, which, { 'faq.jsonl': faqJsonl(ds.faqs) }, async ({ services, summary, packMs, ingestMs }) => {
    const { asked, warmupMs, totalMs } = await askAll(services.qa, items, (q) => q.text, which, ctx.log);
    const judged: Judged[] = asked.map(({ q, result, ms }) => {
      const predicted = givenFaq(result, faqIds);
      return {
        q,
        result,
        ms,
        answered: result.status === 'answered',
        predicted,
        top1: predicted === q.intent,
        top1Answered: predicted === q.intent && result.status === 'answered',
        raw: traceFaqTargets(result),
      };
    });
    const n = judged.length;
    const count = (f: (j: Judged) => boolean) => judged.filter(f).length;
    const top1 = count((j) => j.top1);
    const answered = count((j) => j.answered);
    const withTrace = judged.filter((j) => j.raw);
    const rawTop1 = withTrace.filter((j) => j.raw![0] === j.q.intent).length;
    const rawTop5 = withTrace.filter((j) => j.raw!.includes(j.q.intent)).length;
    const leaked = judged.filter((j) => altKeys.has(nameKey(j.q.text)));
    const failures = judged.filter((j) => !j.top1);

    const secondary: Metric[] = [
      {
        label: 'top-1 answered by the bot (a hand-over with the right FAQ counts as a miss)',
        value: ratio(
          count((j) => j.top1Answered),
          n,
        ),
        pct: true,
      },
      {
        label: 'top-1 ignoring abstention (retrieve trace)',
        value: withTrace.length ? ratio(rawTop1, withTrace.length) : Number.NaN,
        pct: true,
      },
      {
        label: 'gold FAQ among the 5 nearest terms (trace)',
        value: withTrace.length ? ratio(rawTop5, withTrace.length) : Number.NaN,
        pct: true,
      },
      {
        label: 'precision when answered',
        value: ratio(
          count((j) => j.top1Answered),
          answered,
        ),
        pct: true,
      },
      {
        label: 'wrong answers',
        value: ratio(
          count((j) => j.answered && !j.top1),
          n,
        ),
        pct: true,
      },
      {
        label: 'questions identical to a pack alternate',
        value: leaked.length,
        note: `top-1 on them ${ratio(leaked.filter((j) => j.top1).length, leaked.length) * 100} %`,
      },
    ];
    if (spec.escalation) secondary.push(...escalationMetrics(judged, n));
    const scores = withTrace.map((j) => traceFaqTopScore(j.result)).filter((s): s is number => s !== undefined);
    if (scores.length) {
      const right = judged.filter((j) => j.raw?.[0] === j.q.intent).map((j) => traceFaqTopScore(j.result) ?? 0);
      const wrong = judged.filter((j) => j.raw && j.raw[0] !== j.q.intent).map((j) => traceFaqTopScore(j.result) ?? 0);
      secondary.push({
        label: 'median top FAQ retrieve score (trace), right / wrong top hit',
        value: median(right),
        note: `${median(right).toFixed(3)} / ${median(wrong).toFixed(3)}`,
      });
    }

    // Answered with another FAQ, or abstained while the nearest FAQ was another one.
    const confused = failures.filter((j) => (j.predicted ?? j.raw?.[0]) && (j.predicted ?? j.raw?.[0]) !== j.q.intent);
    const confusions = countBy(confused, (j) => `${j.q.intent} → ${j.predicted ?? `${j.raw![0]} (abstained)`}`);
    const samples: FailureSample[] = shuffled(failures, mulberry32(SEED))
      .slice(0, ctx.samples)
      .map((j) => ({
        category: categorise(j),
        question: j.q.text,
        expected: j.q.intent,
        got: j.predicted ?? `(${j.result.status}) ${j.result.answer.slice(0, 100)}`,
        status: `${j.result.status} ${j.result.confidence}`,
        detail: j.raw ? `nearest FAQs [${j.raw.join(', ')}] top score ${traceFaqTopScore(j.result)}` : undefined,
      }));
    return {
      samples,
      result: {
        dataset: which,
        title: spec.title,
        ...ctx.meta,
        questions: n,
        totalQuestions: ds.questions.length,
        limited: n < ds.questions.length,
        split: which === 'banking77' ? 'test.csv' : `seeded ${SEED} hold-out, 20 % per intent`,
        primary: { metric: 'top-1 intent', value: ratio(top1, n), target: spec.target },
        abstention: ratio(n - answered, n),
        latencyMs: latency(asked.map((a) => a.ms)),
        runtimeMs: {
          pack: r1(packMs),
          ingest: r1(ingestMs),
          ask: r1(totalMs),
          warmup: r1(warmupMs),
          total: r1(performance.now() - t0),
        },
        ingest: ingestCounts(summary),
        statuses: countBy(asked, (a) => a.result.status),
        secondary,
        failureCategories: countBy(failures, categorise),
        confusions: Object.entries(confusions)
          .slice(0, 10)
          .map(([pair, c]) => ({ pair, count: c })),
        pack: {
          faqs: ds.faqs.length,
          alternates: ds.faqs.reduce((a, f) => a + f.alternates.length, 0),
          ...ds.notes,
        },
        sources: sourcesOf(files),
      },
    };
  });
}

const isEscalationTarget = (q: IntentQuestion) =>
  !!q.tags?.includes(BITEXT_OFFENSIVE_TAG) || BITEXT_HUMAN_INTENTS.includes(q.intent);

/** Bitext: rows tagged offensive (W) or asking for a person should be escalated, not answered. */
function escalationMetrics(judged: Judged[], n: number): Metric[] {
  const offensive = judged.filter((j) => j.q.tags?.includes(BITEXT_OFFENSIVE_TAG));
  const human = judged.filter((j) => BITEXT_HUMAN_INTENTS.includes(j.q.intent));
  const isEscalated = (j: Judged) => j.result.status === 'escalated';
  const escalated = (js: Judged[]) => js.filter(isEscalated).length;
  const others = judged.filter((j) => !isEscalationTarget(j.q));
  const othersByIntent = countBy(others.filter(isEscalated), (j) => j.q.intent);
  return [
    {
      label: `escalated: offensive rows (tag ${BITEXT_OFFENSIVE_TAG})`,
      value: ratio(escalated(offensive), offensive.length),
      pct: true,
      note: `${escalated(offensive)}/${offensive.length}`,
    },
    {
      label: `escalated: asks for a human (${BITEXT_HUMAN_INTENTS.join(', ')})`,
      value: ratio(escalated(human), human.length),
      pct: true,
      note: `${escalated(human)}/${human.length}`,
    },
    {
      label: 'escalated: all other rows',
      value: ratio(escalated(others), others.length),
      pct: true,
      note: `${escalated(others)}/${others.length}${
        escalated(others)
          ? `: ${Object.entries(othersByIntent)
              .map(([k, c]) => `${k} ${c}`)
              .join(', ')}`
          : ''
      }`,
    },
  ];
}

function median(xs: number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 1000) / 1000;
}
