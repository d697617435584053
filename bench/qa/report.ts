import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './datasets.js';
import { DATASETS, type DatasetName, type DatasetResult, type Metric, TITLES } from './result.js';

export const RESULTS_DIR = resolve(REPO_ROOT, 'bench/qa/results');
export const BENCHMARKS_MD = resolve(REPO_ROOT, 'BENCHMARKS.md');
const HEADING = '## QA benchmarks';

export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(digits)} %`;
const secs = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

export async function saveResult(r: DatasetResult): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${r.dataset}.json`);
  await writeFile(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}

export async function loadResults(): Promise<Partial<Record<DatasetName, DatasetResult>>> {
  const out: Partial<Record<DatasetName, DatasetResult>> = {};
  for (const d of DATASETS) {
    try {
      out[d] = JSON.parse(await readFile(join(RESULTS_DIR, `${d}.json`), 'utf8')) as DatasetResult;
    } catch {
      // not run yet
    }
  }
  return out;
}

function metricText(m: Metric): string {
  const v = m.pct ? pct(m.value) : m.value === null || Number.isNaN(m.value) ? 'n/a' : String(m.value);
  if (m.note && !m.pct && typeof m.value === 'number' && m.label.startsWith('median')) return m.note;
  return m.note ? `${v} (${m.note})` : v;
}

const HOW: Record<DatasetName, string> = {
  nlpcc:
    '**NLPCC 2016 KBQA** — every gold triple of the training *and* testing files (`s ||| p ||| o`, CRLF, UTF-8) is written to one pack `kb.tsv` ' +
    '(tabs/newlines inside fields → spaces, duplicates and the 2 training triples with an empty field dropped) and imported with ' +
    '`services.ingest`; each subject becomes an entity, each predicate an attribute. Every testing question is asked through ' +
    '`qa.ask`. **Exact match**: status `answered` and a returned fact whose object equals the gold answer after NFKC + trim ' +
    '(a fact holding several `；`-joined values counts when one of them does). Secondary: the answer text contains the gold answer ' +
    "(the project eval's `judge`), F1 over the returned value set vs. the single gold answer.",
  banking77:
    '**BANKING77** — a pack `faq.jsonl` with one FAQ per intent (77): `question` = the intent name humanised ("card arrival"), ' +
    '`answer` = a neutral placeholder naming the intent, `alternates` = all `train.csv` utterances of the intent. Every `test.csv` ' +
    "utterance is asked; **top-1** = the first FAQ citation of the answer is the gold intent's FAQ, whether the engine answered or handed " +
    'over to a person (a hand-over carries the answer it found; a fallback or clarification counts as a miss). "Ignoring abstention" ' +
    'reads the best FAQ hit of the `retrieve` stage in the debug trace, whatever the engine then decided.',
  bitext:
    '**Bitext customer support** — per intent (27), a seeded mulberry32(2016) shuffle holds out round(20 %) of the rows as questions; ' +
    "the rest are the FAQ's `alternates`, `question` = humanised intent, `answer` = the reference response of the intent's first " +
    'training row. Top-1 as for BANKING77. Escalation check: held-out rows tagged `W` (offensive language, per the dataset card) ' +
    'and rows of intent `contact_human_agent` should come back with status `escalated`.',
};

/** The `## QA benchmarks` section: one table row per data set from the stored results. */
export function renderSection(results: Partial<Record<DatasetName, DatasetResult>>): string {
  const lines: string[] = [HEADING, ''];
  lines.push(
    'Run with `npm run bench:qa` (details, flags and runtimes: `bench/qa/README.md`). External data from `../shared/datasets/` ' +
      '(`DATASETS_DIR`), never copied into the repo; packs are generated into a temp folder and imported through the real ingest ' +
      'path into a fresh in-memory store with the embedder the application uses (`createEmbedder`). Nothing is tuned on the test questions.',
    '',
    '| dataset | questions | metric | result | target | abstention | latency p50 / p95 | ingest | run time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const d of DATASETS) {
    const r = results[d];
    if (!r) {
      lines.push(`| ${TITLES[d]} | — | — | not run yet | — | — | — | — | — |`);
      continue;
    }
    const met = r.primary.value >= r.primary.target ? '✅' : '❌';
    const qs = r.limited
      ? `${r.questions.toLocaleString('en')} of ${r.totalQuestions.toLocaleString('en')} (seeded subset)`
      : r.questions.toLocaleString('en');
    lines.push(
      `| ${r.title} | ${qs} | ${r.primary.metric} | **${pct(r.primary.value)}** ${met} | ≥ ${pct(r.primary.target, 0)} | ${pct(r.abstention)} | ${r.latencyMs.p50} / ${r.latencyMs.p95} ms | ${secs(r.runtimeMs.ingest)} | ${secs(r.runtimeMs.total)} |`,
    );
  }
  lines.push('');
  const metas = DATASETS.map((d) => results[d]).filter((r): r is DatasetResult => !!r);
  // Data sets are re-run one at a time, so each line says which results it measured.
  const byMeta = new Map<string, string[]>();
  for (const r of metas) {
    const m = `${r.date.slice(0, 10)} · ${r.machine} · ${r.model} · commit ${r.commit}`;
    byMeta.set(m, [...(byMeta.get(m) ?? []), r.title.replace(/ \(.*\)$/, '')]);
  }
  for (const [m, titles] of byMeta) lines.push(`Measured ${byMeta.size > 1 ? `(${titles.join(', ')}) ` : ''}${m}.`);
  if (byMeta.size) lines.push('');

  for (const r of metas) {
    lines.push(`**${r.title}** — ${r.split}; statuses ${fmtCounts(r.statuses)}.`, '');
    for (const m of r.secondary) lines.push(`- ${m.label}: ${metricText(m)}`);
    const cats = Object.entries(r.failureCategories);
    if (cats.length) {
      const failed = cats.reduce((a, [, c]) => a + c, 0);
      const shown = cats.slice(0, 8);
      const rest = cats.slice(8);
      const more = rest.length ? `; ${rest.length} smaller categories ${rest.reduce((a, [, c]) => a + c, 0)}` : '';
      lines.push(
        `- failures by first broken stage (${failed}): ${shown.map(([k, c]) => `${k} ${c}`).join('; ')}${more}`,
      );
    }
    if (r.confusions?.length) {
      lines.push(
        `- most frequent confusions: ${r.confusions
          .slice(0, 5)
          .map((c) => `${c.pair} (${c.count})`)
          .join('; ')}`,
      );
    }
    lines.push(
      `- runtime: pack ${secs(r.runtimeMs.pack)}, ingest ${secs(r.runtimeMs.ingest)} (${r.ingest.terms.toLocaleString('en')} terms embedded), asking ${secs(r.runtimeMs.ask)}; latency mean ${r.latencyMs.mean} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
      '',
    );
  }
  lines.push('How each is built:', '');
  for (const d of DATASETS) lines.push(`- ${HOW[d]}`);
  lines.push('');
  return lines.join('\n');
}

function fmtCounts(c: Record<string, number>): string {
  return Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Replaces the text from `## QA benchmarks` up to the next `## ` heading; appends the section when missing. */
export function replaceSection(markdown: string, section: string): string {
  const body = section.endsWith('\n') ? section : `${section}\n`;
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === HEADING);
  if (start === -1) {
    const base = markdown.trimEnd();
    return base ? `${base}\n\n${body}` : `# Benchmarks\n\n${body}`;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before}${before ? '\n' : ''}${body}${after ? `\n${after}` : ''}`;
}

export async function writeBenchmarksMd(section: string): Promise<void> {
  let current = '';
  try {
    current = await readFile(BENCHMARKS_MD, 'utf8');
  } catch {
    // created below
  }
  await writeFile(BENCHMARKS_MD, replaceSection(current, section));
}
