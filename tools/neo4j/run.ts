// `npm run neo4j`: a developer Neo4j in the foreground, data kept in <repo>/.data/neo4j.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedNeo4j } from './launcher.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(repoRoot, '.data', 'neo4j');
const port = Number(process.env.NEO4J_PORT ?? 7687);
const verbose = process.argv.includes('--verbose');

console.log(`Starting embedded Neo4j (data: ${dataDir}, logs: ${join(dataDir, 'logs')})...`);
const started = Date.now();
const neo4j = await startEmbeddedNeo4j({
  dataDir,
  port,
  heap: process.env.NEO4J_HEAP,
  logger: verbose ? (line) => console.error(line) : undefined,
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

console.log(`Neo4j ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`  NEO4J_URI=${neo4j.uri}`);
console.log('  auth disabled (any user/password, or none, is accepted)');
console.log('Press Ctrl+C to stop.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Neo4j...');
    neo4j.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
