import type { QaService } from '../../src/qa/qa-service.js';
import type { AskResult } from '../../src/qa/types.js';

export interface Asked<Q> {
  q: Q;
  result: AskResult;
  ms: number;
}

export type Log = (line: string) => void;

/**
 * Asks every question in order, one at a time (latency is per question, nothing overlaps),
 * with the debug trace on so failures can be attributed to a pipeline stage. One unscored
 * warm-up question first, so the first timed question does not pay for building the lexical index.
 */
export async function askAll<Q>(
  qa: QaService,
  items: readonly Q[],
  text: (q: Q) => string,
  label: string,
  log: Log,
): Promise<{ asked: Asked<Q>[]; warmupMs: number; totalMs: number }> {
  const w0 = performance.now();
  await qa.ask({ question: 'warm-up', debug: true });
  const warmupMs = performance.now() - w0;
  const asked: Asked<Q>[] = [];
  const started = performance.now();
  let lastLog = started;
  for (const [i, q] of items.entries()) {
    const t0 = performance.now();
    const result = await qa.ask({ question: text(q), debug: true });
    const t1 = performance.now();
    asked.push({ q, result, ms: t1 - t0 });
    if (t1 - lastLog > 15_000 || i + 1 === items.length) {
      lastLog = t1;
      const rate = (i + 1) / ((t1 - started) / 1000);
      const eta = (items.length - i - 1) / rate;
      log(`  ${label}: ${i + 1}/${items.length} asked, ${rate.toFixed(1)} q/s, ~${Math.ceil(eta)} s left`);
    }
  }
  return { asked, warmupMs, totalMs: performance.now() - started };
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles in milliseconds (one decimal). */
export function latency(ms: readonly number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => r1(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: r1(s.at(-1) ?? 0), mean: r1(mean) };
}

export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r4 = (x: number) => Math.round(x * 10000) / 10000;
export const ratio = (a: number, b: number) => (b ? r4(a / b) : 0);

export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) {
    const k = key(it);
    out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

// ---------------------------------------------------------------------------------------------
// Reading the debug trace. The trace is a diagnostic, not an API: every reader returns undefined
// when the stage or the shape it expects is missing, and the report then says "n/a".
// ---------------------------------------------------------------------------------------------

function stage(r: AskResult, name: string): unknown {
  return r.trace?.find((s) => s.stage === name)?.detail;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** FAQ ids of the retrieve stage's FAQ hits, best first, distinct. */
export function traceFaqTargets(r: AskResult): string[] | undefined {
  const d = stage(r, 'retrieve');
  const faq = isObj(d) ? d.faq : undefined;
  if (!Array.isArray(faq)) return undefined;
  const out: string[] = [];
  for (const h of faq) {
    const t = isObj(h) ? h.target : undefined;
    if (typeof t === 'string' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Score of the best FAQ hit of the retrieve stage. */
export function traceFaqTopScore(r: AskResult): number | undefined {
  const d = stage(r, 'retrieve');
  const faq = isObj(d) ? d.faq : undefined;
  const first = Array.isArray(faq) ? faq[0] : undefined;
  return isObj(first) && typeof first.score === 'number' ? first.score : undefined;
}

export interface TraceMention {
  text: string;
  candidates: string[];
}

export function traceMentions(r: AskResult): TraceMention[] | undefined {
  const d = stage(r, 'link');
  if (!Array.isArray(d)) return undefined;
  return d.filter(isObj).map((m) => ({
    text: String(m.text ?? ''),
    candidates: Array.isArray(m.candidates) ? m.candidates.map(String) : [],
  }));
}

/** Raw attribute/relation keys the map stage found, best first (schema ids `schema:<item>:<key>`). */
export function tracePredicates(r: AskResult): string[] | undefined {
  const d = stage(r, 'map');
  if (!Array.isArray(d)) return undefined;
  return d.filter(isObj).map((p) => schemaKey(String(p.id ?? '')));
}

export function traceTraverse(r: AskResult): { entity?: string; predicate?: string } | undefined {
  const d = stage(r, 'traverse');
  if (!isObj(d)) return undefined;
  return {
    entity: typeof d.entity === 'string' ? d.entity : undefined,
    predicate: typeof d.predicate === 'string' ? schemaKey(d.predicate) : undefined,
  };
}

const schemaKey = (id: string) => id.replace(/^schema:(attribute|relation|type):/, '');

export interface TraceCandidate {
  kind: string;
  confidence: number;
  answer: string;
}

/** Every reading the engine weighed (`candidates` stage): kind (`graph:attribute`, `faq`, …), confidence, answer. */
export function traceCandidates(r: AskResult): TraceCandidate[] | undefined {
  const d = stage(r, 'candidates');
  if (!Array.isArray(d)) return undefined;
  return d.filter(isObj).map((c) => ({
    kind: String(c.kind ?? ''),
    confidence: typeof c.confidence === 'number' ? c.confidence : Number.NaN,
    answer: String(c.answer ?? ''),
  }));
}
