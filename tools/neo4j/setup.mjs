#!/usr/bin/env node
// Copies Neo4j's runtime jars (see pom.xml) from Maven Central into tools/neo4j/lib/.
// No-op when lib/ already matches the current pom.xml (hash kept in a marker file).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pom = join(here, 'pom.xml');
const lib = join(here, 'lib');
const marker = join(lib, '.pom-sha256');

function fail(msg) {
  console.error(`neo4j setup: ${msg}`);
  process.exit(1);
}

function run(cmd, args) {
  // shell on Windows so mvn.cmd is found
  return spawnSync(cmd, args, { encoding: 'utf8', shell: process.platform === 'win32' });
}

// Neo4j 5 needs Java 17+, and the single-file source launcher needs a JDK (jdk.compiler), not a JRE.
const java = run('java', ['--list-modules']);
if (java.error || java.status !== 0) {
  fail('`java` not found on PATH. Install a JDK 17 or 21 (e.g. `apt-get install openjdk-17-jdk-headless`).');
}
if (!/^jdk\.compiler@/m.test(java.stdout)) {
  fail('`java` is a JRE without jdk.compiler; a full JDK 17+ is needed to run EmbeddedNeo4j.java.');
}
const javaMajor = Number(/^java\.base@(\d+)/m.exec(java.stdout)?.[1] ?? 0);
if (javaMajor < 17) fail(`Java ${javaMajor} found; Neo4j 5 needs Java 17+.`);

const hash = createHash('sha256').update(readFileSync(pom)).digest('hex');
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) {
  console.log(`neo4j setup: ${lib} is up to date`);
  process.exit(0);
}

const mvn = run('mvn', ['-v']);
if (mvn.error || mvn.status !== 0) {
  fail('`mvn` not found on PATH. Install Maven 3.6+ (e.g. `apt-get install maven`); it is only used to download jars.');
}

// Download into a scratch dir and swap it in, so an interrupted run never leaves a half-filled lib/.
const tmp = `${lib}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
console.log('neo4j setup: downloading Neo4j jars with Maven (first run takes a minute)...');
const copy = spawnSync(
  'mvn',
  [
    '-B',
    '-Dstyle.color=never',
    '-f',
    pom,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${tmp}`,
    '-DincludeScope=runtime',
  ],
  { encoding: 'utf8', maxBuffer: 64 << 20, shell: process.platform === 'win32' },
);
if (copy.status !== 0 || !existsSync(tmp) || readdirSync(tmp).length === 0) {
  rmSync(tmp, { recursive: true, force: true });
  // Maven's log is only useful when something went wrong.
  console.error(`${copy.stdout ?? ''}${copy.stderr ?? ''}`.split('\n').slice(-60).join('\n'));
  fail('`mvn dependency:copy-dependencies` failed (output above). Is Maven Central reachable?');
}
writeFileSync(join(tmp, '.pom-sha256'), `${hash}\n`);
// Another run (e.g. a parallel test process) may have finished first and be using lib/ already.
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) {
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}
rmSync(lib, { recursive: true, force: true });
renameSync(tmp, lib);
console.log(`neo4j setup: ${readdirSync(lib).length - 1} jars in ${lib}`);
