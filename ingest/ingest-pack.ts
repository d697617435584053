import type { Embedder } from '../src/ports/embedder.js';
import type { GraphStore, SourceBatch, Term } from '../src/ports/graph-store.js';
import { createNameMatcher, type NameEntry } from '../src/text/name-matcher.js';
import type { FileFacts } from './file-facts.js';
import { linkFacts } from './link-pack.js';
import { PackError } from './pack-error.js';
import { parseDocumentMd } from './parsers/document-md.js';
import { parseEntityCsv } from './parsers/entity-csv.js';
import { parseFaqJsonl } from './parsers/faq-jsonl.js';
import { parseSchemaYaml } from './parsers/schema-yaml.js';
import { parseTriplesTsv } from './parsers/triples-tsv.js';
import { type PackFile, readPack, sha256 } from './read-pack.js';
import { validateAcrossFiles } from './validate-pack.js';

export interface IngestOptions {
  store: GraphStore;
  embedder: Embedder;
  dir: string;
  /** Also remove the facts of files that are no longer in the pack. */
  sync?: boolean;
  /** Validate and report; write nothing. */
  dryRun?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  now?: () => Date;
}

export type ProgressEvent = { phase: 'parse' | 'embed' | 'write'; done: number; total: number; file?: string };

export interface FileReport {
  file: string;
  status: 'imported' | 'unchanged' | 'failed' | 'removed' | 'valid';
  line?: number;
  reason?: string;
}

export interface IngestSummary {
  dryRun: boolean;
  files: { total: number; imported: number; unchanged: number; failed: number; removed: number };
  /** What the files read in this run contain. */
  counts: { entities: number; relationships: number; documents: number; sections: number; faqs: number; terms: number };
  errors: { file: string; line?: number; reason: string }[];
  reports: FileReport[];
  durationMs: number;
}

const PARSERS: Record<PackFile['format'], (f: PackFile) => FileFacts | Promise<FileFacts>> = {
  yaml: parseSchemaYaml,
  csv: parseEntityCsv,
  md: parseDocumentMd,
  jsonl: parseFaqJsonl,
  tsv: parseTriplesTsv,
};

const EMBED_BATCH = 64;

/**
 * Imports a knowledge pack. Each file is validated on its own and applied atomically; a bad
 * file is reported with line and reason and leaves the graph as it was, the others still import.
 */
export async function ingestPack(opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { store, embedder, onProgress } = opts;
  const { files, errors: readErrors } = await readPack(opts.dir);
  const failed = new Map<string, PackError>(readErrors.map((e) => [e.file, e]));

  const parsed = new Map<string, FileFacts>();
  for (const [i, file] of files.entries()) {
    onProgress?.({ phase: 'parse', done: i, total: files.length, file: file.id });
    try {
      parsed.set(file.id, await PARSERS[file.format](file));
    } catch (err) {
      if (!(err instanceof PackError)) throw err;
      failed.set(file.id, err);
    }
  }

  await validateAcrossFiles(store, files, parsed, failed, opts.sync ?? false);

  // Names every file may link to: this run's valid entities, plus what the graph keeps from other
  // sources (including the old facts of files that failed now, which stay in the graph).
  const valid = new Set(files.filter((f) => parsed.has(f.id) && !failed.has(f.id)).map((f) => f.id));
  const nameSet = new Set<string>();
  const names: NameEntry[] = [];
  const addName = (text: string, id: string) => {
    const key = `${id}\u0000${text}`;
    if (text && !nameSet.has(key)) {
      nameSet.add(key);
      names.push({ text, id });
    }
  };
  for (const id of valid) {
    for (const n of parsed.get(id)!.nodes) {
      if (n.kind === 'entity') for (const text of [n.name ?? '', ...(n.aliases ?? [])]) addName(text, n.id);
    }
  }
  for (const t of await store.listTerms(['entity'])) if (!valid.has(t.source)) addName(t.text, t.target);
  const namesDigest = sha256([...nameSet].sort().join('\n'));

  const packSources = new Set(files.map((f) => f.id));
  // One matcher for the whole run: every file links against the same names.
  const matcher = createNameMatcher(names);
  const reports: FileReport[] = [];
  const toWrite: { file: PackFile; facts: FileFacts; fingerprint: string }[] = [];
  for (const file of files) {
    const facts = parsed.get(file.id);
    const error = failed.get(file.id);
    if (!facts || error) continue;
    const dependsOnNames = facts.mentions.length > 0 || facts.triples.length > 0;
    const fingerprint = dependsOnNames ? sha256(`${file.hash}:${namesDigest}`) : file.hash;
    linkFacts(file, facts, matcher);
    const existing = await store.getSource(file.id);
    if (existing?.fingerprint === fingerprint) reports.push({ file: file.id, status: 'unchanged' });
    else toWrite.push({ file, facts, fingerprint });
  }
  for (const error of [...failed.values()].sort((a, b) => a.file.localeCompare(b.file))) {
    reports.push({ file: error.file, status: 'failed', line: error.line, reason: error.reason });
  }

  if (!opts.dryRun) {
    const vectors = await embedTerms(
      embedder,
      toWrite.flatMap((w) => w.facts.terms.map((t) => t.text)),
      onProgress,
    );
    for (const [i, { file, facts, fingerprint }] of toWrite.entries()) {
      onProgress?.({ phase: 'write', done: i, total: toWrite.length, file: file.id });
      try {
        await store.applySource(toBatch(file, facts, fingerprint, vectors, opts.now?.() ?? new Date()));
        reports.push({ file: file.id, status: 'imported' });
      } catch (err) {
        reports.push({ file: file.id, status: 'failed', reason: `could not write: ${(err as Error).message}` });
      }
    }
    if (opts.sync) {
      for (const src of await store.listSources()) {
        if (packSources.has(src.id) || failed.has(src.id)) continue;
        await store.deleteSource(src.id);
        reports.push({ file: src.id, status: 'removed' });
      }
    }
  } else {
    for (const { file } of toWrite) reports.push({ file: file.id, status: 'valid' });
  }

  return summarise(opts.dryRun ?? false, files.length + readErrors.length, parsed, failed, reports, started);
}

async function embedTerms(
  embedder: Embedder,
  texts: string[],
  onProgress: IngestOptions['onProgress'],
): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(texts)];
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < unique.length; i += EMBED_BATCH) {
    onProgress?.({ phase: 'embed', done: i, total: unique.length });
    const batch = unique.slice(i, i + EMBED_BATCH);
    const out = await embedder.embedDocuments(batch);
    for (const [j, text] of batch.entries()) vectors.set(text, out[j]!);
  }
  onProgress?.({ phase: 'embed', done: unique.length, total: unique.length });
  return vectors;
}

function toBatch(
  file: PackFile,
  facts: FileFacts,
  fingerprint: string,
  vectors: Map<string, Float32Array>,
  now: Date,
): SourceBatch {
  const terms: Term[] = facts.terms.map((t, i) => ({
    id: `${file.id}#${i}`,
    target: t.target,
    kind: t.kind,
    text: t.text,
    vector: vectors.get(t.text)!,
    source: file.id,
    location: t.location,
    hash: file.hash,
  }));
  return {
    source: {
      id: file.id,
      hash: file.hash,
      fingerprint,
      format: file.format,
      importedAt: now.toISOString(),
      counts: { nodes: facts.nodes.length, relationships: facts.relationships.length, terms: terms.length },
    },
    nodes: facts.nodes,
    relationships: facts.relationships,
    terms,
  };
}

function summarise(
  dryRun: boolean,
  total: number,
  parsed: Map<string, FileFacts>,
  failed: Map<string, PackError>,
  reports: FileReport[],
  started: number,
): IngestSummary {
  const counts = { entities: 0, relationships: 0, documents: 0, sections: 0, faqs: 0, terms: 0 };
  for (const [file, facts] of parsed) {
    if (failed.has(file)) continue;
    for (const n of facts.nodes) {
      if (n.kind === 'entity' && n.name) counts.entities++;
      else if (n.kind === 'document') counts.documents++;
      else if (n.kind === 'section') counts.sections++;
      else if (n.kind === 'faq') counts.faqs++;
    }
    counts.relationships += facts.relationships.length;
    counts.terms += facts.terms.length;
  }
  const count = (s: FileReport['status']) => reports.filter((r) => r.status === s).length;
  const errors = reports
    .filter((r) => r.status === 'failed')
    .map((r) => ({ file: r.file, ...(r.line ? { line: r.line } : {}), reason: r.reason ?? 'failed' }));
  return {
    dryRun,
    files: {
      total,
      imported: count('imported') + count('valid'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      removed: count('removed'),
    },
    counts,
    errors,
    reports,
    durationMs: Date.now() - started,
  };
}
