import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createMemoryStore } from '../../graph/memory/memory-store.js';
import { createEmbedder } from '../components.js';
import { loadConfig } from '../config.js';
import { createServices } from '../services.js';
import { readEvalQuestions } from './eval-questions.js';
import { runEval } from './run-eval.js';

const USAGE =
  'usage: npm run eval -- <pack-dir> <questions.jsonl> [--json out.json] [--min-accuracy 0.95] [--max-refuse-answered 0.03]';

/** Ingests a pack into a fresh in-memory store with the real model, asks every question, prints the scores. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      'min-accuracy': { type: 'string' },
      'max-refuse-answered': { type: 'string' },
      failures: { type: 'string', default: '40' },
    },
  });
  if (positionals.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const embedder = createEmbedder(config);
  const services = createServices({ store: createMemoryStore(), embedder });
  await services.start();
  const ingest = await services.ingest(resolve(positionals[0]!));
  if (ingest.errors.length) console.error(`pack had ${ingest.errors.length} bad files:`, ingest.errors);
  const questions = await readEvalQuestions(resolve(positionals[1]!));
  const { report } = await runEval(services.qa, questions);
  await services.close();

  const a = report.answerable;
  const r = report.mustRefuse;
  console.log(`questions ${report.total} (ingest ${(ingest.durationMs / 1000).toFixed(1)} s)`);
  console.log(
    `answerable ${a.total}: accuracy ${pct(a.accuracy)}, wrong ${pct(a.wrongRate)}, abstained ${pct(a.abstentionRate)}`,
  );
  console.log(`must refuse ${r.total}: answered ${r.answered} (${pct(r.answeredRate)})`);
  if (report.statusChecks.total)
    console.log(`status checks ${report.statusChecks.correct}/${report.statusChecks.total}`);
  console.log(
    `latency ms p50 ${report.latencyMs.p50} p90 ${report.latencyMs.p90} p99 ${report.latencyMs.p99} max ${report.latencyMs.max}`,
  );
  console.log(
    `by kind: ${Object.entries(report.byKind)
      .map(([k, v]) => `${k} ${v.ok}/${v.total}`)
      .join(', ')}`,
  );
  const shown = report.failures.slice(0, Number(values.failures));
  if (shown.length) console.log(`failures (${report.failures.length}):`);
  for (const f of shown)
    console.log(`  [${f.id}] ${f.question}\n      expected ${f.expected}\n      got [${f.status}] ${f.got}`);
  if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2));

  const minAcc = values['min-accuracy'] ? Number(values['min-accuracy']) : undefined;
  const maxRefuse = values['max-refuse-answered'] ? Number(values['max-refuse-answered']) : undefined;
  if ((minAcc !== undefined && a.accuracy < minAcc) || (maxRefuse !== undefined && r.answeredRate > maxRefuse)) {
    console.error('below target');
    return 1;
  }
  return 0;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`eval failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
