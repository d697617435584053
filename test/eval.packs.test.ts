import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { readEvalQuestions } from '../src/eval/eval-questions.js';
import { runEval } from '../src/eval/run-eval.js';
import { createServices } from '../src/services.js';
import { createRealEmbedder, realModelAvailable } from './support/model.js';

const example = (path: string) => fileURLToPath(new URL(`../examples/${path}`, import.meta.url));

/**
 * Every example pack's question set as a regression gate. The floors sit a little under the measured
 * level of this engine (docs/qa-engine.md, "Quality, measured"), raised as it improves; the product
 * targets (95 % / 3 %) are tracked there, not asserted here until they are met. All packs but the demo
 * were written by someone who had not seen the engine, in domains the demo pack does not cover; each
 * was measured once before it was used to find faults (its README says the figure).
 */
const PACKS = [
  {
    name: 'demo (electronics shop)',
    pack: 'demo-pack',
    floor: { accuracy: 0.8, maxWrong: 0.06, maxRefuseAnswered: 0.05 },
  },
  { name: 'bank', pack: 'bank-pack', floor: { accuracy: 0.75, maxWrong: 0.12, maxRefuseAnswered: 0.17 } },
  { name: 'government services', pack: 'gov-pack', floor: { accuracy: 0.7, maxWrong: 0.13, maxRefuseAnswered: 0.25 } },
  { name: 'hospital', pack: 'hospital-pack', floor: { accuracy: 0.72, maxWrong: 0.11, maxRefuseAnswered: 0.17 } },
  { name: 'school', pack: 'school-pack', floor: { accuracy: 0.7, maxWrong: 0.06, maxRefuseAnswered: 0.28 } },
  { name: 'pharmacy', pack: 'pharmacy-pack', floor: { accuracy: 0.7, maxWrong: 0.08, maxRefuseAnswered: 0.12 } },
  { name: 'online education', pack: 'tutor-pack', floor: { accuracy: 0.71, maxWrong: 0.1, maxRefuseAnswered: 0.23 } },
  // Written in English.
  { name: 'insurer', pack: 'insurer-pack', floor: { accuracy: 0.66, maxWrong: 0.07, maxRefuseAnswered: 0.28 } },
  { name: 'telecom', pack: 'telecom-pack', floor: { accuracy: 0.71, maxWrong: 0.08, maxRefuseAnswered: 0.17 } },
  { name: 'energy', pack: 'energy-pack', floor: { accuracy: 0.61, maxWrong: 0.12, maxRefuseAnswered: 0.12 } },
  { name: 'brokerage', pack: 'broker-pack', floor: { accuracy: 0.63, maxWrong: 0.13, maxRefuseAnswered: 0.42 } },
  { name: 'college', pack: 'college-pack', floor: { accuracy: 0.6, maxWrong: 0.14, maxRefuseAnswered: 0.17 } },
  { name: 'council', pack: 'council-pack', floor: { accuracy: 0.65, maxWrong: 0.13, maxRefuseAnswered: 0.34 } },
  // Written in Chinese.
  { name: 'courier', pack: 'courier-pack', floor: { accuracy: 0.57, maxWrong: 0.1, maxRefuseAnswered: 0.12 } },
];

describe.skipIf(!realModelAvailable())('example packs (real model)', () => {
  it.each(PACKS)(
    '$name: stays at or above its measured quality floor',
    async ({ name, pack, floor }) => {
      const services = createServices({ store: createMemoryStore(), embedder: createRealEmbedder() });
      await services.start();
      const ingest = await services.ingest(example(`${pack}/`));
      expect(ingest.errors).toEqual([]);
      const { report } = await runEval(services.qa, await readEvalQuestions(example(`${pack}-eval/questions.jsonl`)));
      await services.close();
      const summary = {
        accuracy: report.answerable.accuracy,
        wrong: report.answerable.wrongRate,
        refuseAnswered: report.mustRefuse.answeredRate,
      };
      console.log(`${name}:`, JSON.stringify(summary), 'by kind:', JSON.stringify(report.byKind));
      expect(report.total).toBeGreaterThanOrEqual(100);
      expect(summary.accuracy).toBeGreaterThanOrEqual(floor.accuracy);
      expect(summary.wrong).toBeLessThanOrEqual(floor.maxWrong);
      expect(summary.refuseAnswered).toBeLessThanOrEqual(floor.maxRefuseAnswered);
    },
    300_000,
  );
});
