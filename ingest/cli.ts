import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmbedder, createStore } from '../src/components.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { type IngestSummary, ingestPack, type ProgressEvent } from './ingest-pack.js';

const USAGE = 'usage: npm run ingest -- <pack-dir> [--sync] [--dry-run] [--backend memory|neo4j] [--json]';

/** Knowledge engineers' import command. Exit code 0 only when every file imported or was unchanged. */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      sync: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig({ ...process.env, ...(values.backend ? { GRAPH_BACKEND: values.backend } : {}) });
  const embedder = createEmbedder(config);
  const store = createStore(config, embedder.dimension);
  await Promise.all([store.connect(), values['dry-run'] ? Promise.resolve() : embedder.init()]);
  try {
    const summary = await ingestPack({
      store,
      embedder,
      dir: resolve(positionals[0]!),
      sync: values.sync,
      dryRun: values['dry-run'],
      onProgress: progressPrinter(),
    });
    if (values.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary, store.backend);
    return summary.errors.length ? 1 : 0;
  } finally {
    await store.close();
    await embedder.close?.();
  }
}

function progressPrinter() {
  const tty = process.stderr.isTTY;
  let last = '';
  return (e: ProgressEvent) => {
    const line = `${e.phase} ${e.done}/${e.total}${e.file ? ` ${e.file}` : ''}`;
    if (tty) {
      const width = 24;
      const filled = e.total ? Math.round((e.done / e.total) * width) : width;
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}`.padEnd(80).slice(0, 100));
    } else if (e.phase !== last || e.done === e.total || e.phase !== 'embed') {
      process.stderr.write(`${line}\n`);
    }
    last = e.phase;
  };
}

function printSummary(s: IngestSummary, backend: string) {
  if (process.stderr.isTTY) process.stderr.write('\n');
  const f = s.files;
  console.log(
    `${s.dryRun ? 'dry run' : 'import'} into ${backend}: ${f.total} files — ${f.imported} ${s.dryRun ? 'valid' : 'imported'}, ${f.unchanged} unchanged, ${f.failed} failed, ${f.removed} removed`,
  );
  const c = s.counts;
  console.log(
    `  entities ${c.entities}, relationships ${c.relationships}, documents ${c.documents}, sections ${c.sections}, FAQs ${c.faqs}, terms ${c.terms}`,
  );
  for (const e of s.errors) console.log(`  ERROR ${e.file}${e.line ? `:${e.line}` : ''}: ${e.reason}`);
  console.log(`  time ${(s.durationMs / 1000).toFixed(1)} s`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `ingest failed: ${(err as Error).stack ?? err}`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
