import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { readEvalQuestions } from '../src/eval/eval-questions.js';
import { runEval } from '../src/eval/run-eval.js';
import { createServices } from '../src/services.js';
import { createRealEmbedder, DEMO_PACK, realModelAvailable } from './support/model.js';

const QUESTIONS = fileURLToPath(new URL('../examples/demo-pack-eval/questions.jsonl', import.meta.url));

/**
 * The demo dev set as a regression gate. The floors are the measured level of this engine
 * (README, "Quality"), raised as it improves; the product targets (95 % / 3 %) are tracked in
 * BENCHMARKS.md, not asserted here until they are met.
 */
const FLOOR = { accuracy: 0.79, maxRefuseAnswered: 0.05, maxWrong: 0.09 };

describe.skipIf(!realModelAvailable())('demo dev set (real model)', () => {
  it('stays at or above the measured quality floor', async () => {
    const services = createServices({ store: createMemoryStore(), embedder: createRealEmbedder() });
    await services.start();
    const ingest = await services.ingest(DEMO_PACK);
    expect(ingest.errors).toEqual([]);
    const { report } = await runEval(services.qa, await readEvalQuestions(QUESTIONS));
    await services.close();
    const summary = {
      accuracy: report.answerable.accuracy,
      wrong: report.answerable.wrongRate,
      refuseAnswered: report.mustRefuse.answeredRate,
    };
    console.log('demo dev set:', JSON.stringify(summary), 'by kind:', JSON.stringify(report.byKind));
    expect(report.total).toBeGreaterThanOrEqual(200);
    expect(summary.accuracy).toBeGreaterThanOrEqual(FLOOR.accuracy);
    expect(summary.wrong).toBeLessThanOrEqual(FLOOR.maxWrong);
    expect(summary.refuseAnswered).toBeLessThanOrEqual(FLOOR.maxRefuseAnswered);
  }, 300_000);
});
