import type { QaService } from '../qa/qa-service.js';
import type { AskResult } from '../qa/types.js';
import { getOrCreate } from '../util/get-or-create.js';
import type { EvalQuestion } from './eval-questions.js';

export interface EvalOutcome {
  question: EvalQuestion;
  result: AskResult;
  ok: boolean;
  /** answerable-correct, answerable-wrong (answered, not matching), answerable-abstained, refuse-ok, refuse-answered, status-ok, status-wrong */
  verdict: string;
  ms: number;
}

export interface EvalReport {
  total: number;
  answerable: {
    total: number;
    correct: number;
    wrong: number;
    abstained: number;
    accuracy: number;
    wrongRate: number;
    abstentionRate: number;
  };
  mustRefuse: { total: number; refused: number; answered: number; answeredRate: number };
  statusChecks: { total: number; correct: number };
  byKind: Record<string, { total: number; ok: number }>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  failures: { id?: string; question: string; expected: string; got: string; status: string }[];
}

/** Folds case, width and spacing so "5 小时" matches "5小时" and "Ｘ１" matches "x1". */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

export function judge(q: EvalQuestion, r: AskResult): { ok: boolean; verdict: string } {
  if (q.expect) {
    if (r.status !== 'answered') return { ok: false, verdict: 'answerable-abstained' };
    const answer = fold(r.answer);
    const ok = q.expect.some((e) => answer.includes(fold(e)));
    return { ok, verdict: ok ? 'answerable-correct' : 'answerable-wrong' };
  }
  if (q.expect_status === 'fallback') {
    // Refusing is right whether it falls back, asks to clarify or hands over; answering is not.
    const ok = r.status !== 'answered';
    return { ok, verdict: ok ? 'refuse-ok' : 'refuse-answered' };
  }
  const ok = r.status === q.expect_status;
  return { ok, verdict: ok ? 'status-ok' : 'status-wrong' };
}

/** Asks every question through the same pipeline `/v1/ask` uses, in file order (sessions need it). */
export async function runEval(
  qa: QaService,
  questions: EvalQuestion[],
  runId = Date.now().toString(36),
): Promise<{ report: EvalReport; outcomes: EvalOutcome[] }> {
  const outcomes: EvalOutcome[] = [];
  for (const q of questions) {
    const started = performance.now();
    const result = await qa.ask({
      question: q.question,
      sessionId: q.sessionId ? `${runId}:${q.sessionId}` : undefined,
    });
    const ms = performance.now() - started;
    outcomes.push({ question: q, result, ms, ...judge(q, result) });
  }
  return { report: summarise(outcomes), outcomes };
}

function summarise(outcomes: EvalOutcome[]): EvalReport {
  const count = (v: string) => outcomes.filter((o) => o.verdict === v).length;
  const answerable = outcomes.filter((o) => o.question.expect).length;
  const refuse = outcomes.filter((o) => !o.question.expect && o.question.expect_status === 'fallback').length;
  const status = outcomes.filter((o) => !o.question.expect && o.question.expect_status !== 'fallback').length;
  const byKind = new Map<string, { total: number; ok: number }>();
  for (const o of outcomes) {
    const k = getOrCreate(byKind, o.question.kind ?? 'other', () => ({ total: 0, ok: 0 }));
    k.total++;
    if (o.ok) k.ok++;
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? 0);
  const ratio = (a: number, b: number) => (b ? round(a / b) : 0);
  return {
    total: outcomes.length,
    answerable: {
      total: answerable,
      correct: count('answerable-correct'),
      wrong: count('answerable-wrong'),
      abstained: count('answerable-abstained'),
      accuracy: ratio(count('answerable-correct'), answerable),
      wrongRate: ratio(count('answerable-wrong'), answerable),
      abstentionRate: ratio(count('answerable-abstained'), answerable),
    },
    mustRefuse: {
      total: refuse,
      refused: count('refuse-ok'),
      answered: count('refuse-answered'),
      answeredRate: ratio(count('refuse-answered'), refuse),
    },
    statusChecks: { total: status, correct: count('status-ok') },
    byKind: Object.fromEntries(byKind),
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: round(ms.at(-1) ?? 0) },
    failures: outcomes
      .filter((o) => !o.ok)
      .map((o) => ({
        id: o.question.id,
        question: o.question.question,
        expected: o.question.expect ? o.question.expect.join(' | ') : `status ${o.question.expect_status}`,
        got: o.result.answer.slice(0, 160),
        status: `${o.result.status} ${o.result.confidence}`,
      })),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
