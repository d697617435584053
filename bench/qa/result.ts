import type { Latency } from './measure.js';

export type DatasetName = 'nlpcc' | 'banking77' | 'bitext';
export const DATASETS: DatasetName[] = ['nlpcc', 'banking77', 'bitext'];
export const TITLES: Record<DatasetName, string> = {
  nlpcc: 'NLPCC 2016 KBQA (zh)',
  banking77: 'BANKING77 (en)',
  bitext: 'Bitext customer support (en)',
};

export interface Metric {
  label: string;
  value: number;
  /** Shown as a percentage when true. */
  pct?: boolean;
  note?: string;
}

/** What one benchmark run stores and renders. Aggregates only: no data-set text is kept in the repo. */
export interface DatasetResult {
  dataset: DatasetName;
  title: string;
  date: string;
  machine: string;
  commit: string;
  model: string;
  /** Questions asked and how many the full test set has. */
  questions: number;
  totalQuestions: number;
  /** `--limit` subsample (seeded) rather than the whole test set. */
  limited: boolean;
  split: string;
  primary: { metric: string; value: number; target: number };
  abstention: number;
  latencyMs: Latency;
  runtimeMs: { pack: number; ingest: number; ask: number; warmup: number; total: number };
  ingest: { files: number; failed: number; entities: number; faqs: number; relationships: number; terms: number };
  statuses: Record<string, number>;
  secondary: Metric[];
  /** Failure categories over every failed question (automatic, from the debug trace). */
  failureCategories: Record<string, number>;
  /** `gold → predicted` intent pairs, most frequent first (intent data sets). */
  confusions?: { pair: string; count: number }[];
  pack: Record<string, number | string>;
  sources: { path: string; bytes: number; sha256: string }[];
}

/** A failed question shown on stdout / in `--json` (never written into the repository). */
export interface FailureSample {
  category: string;
  question: string;
  expected: string;
  got: string;
  status: string;
  detail?: string;
}

export interface RunOutput {
  result: DatasetResult;
  samples: FailureSample[];
}
