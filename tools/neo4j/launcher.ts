// Starts Neo4j Community (embedded, see EmbeddedNeo4j.java) as a child JVM and waits until Bolt is up.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface EmbeddedNeo4j {
  uri: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Neo4j home (data/ and logs/ go inside). Default: a fresh temp dir, deleted on stop(). */
  dataDir?: string;
  /** Bolt port on 127.0.0.1. Default: a free port. */
  port?: number;
  /** JVM max heap, e.g. "512m" or "1g". Default "512m". */
  heap?: string;
  startTimeoutMs?: number;
  logger?: (line: string) => void;
}

const here = dirname(fileURLToPath(import.meta.url));
const libDir = join(here, 'lib');
const READY = /^NEO4J_READY (\S+)/;
const TAIL_LINES = 40;

// What Neo4j 5's own conf/neo4j.conf passes (first block) plus opens some embedded users hit on Java 17
// (netty, lucene, cypher codegen). Without java.nio/java.io opens the page cache and tx logs fall back
// to slower paths and native vector index population can stall.
export const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+ExitOnOutOfMemoryError', // a dead server fails tests fast; a half-alive one hangs them
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
];

function libUpToDate(): boolean {
  const marker = join(libDir, '.pom-sha256');
  if (!existsSync(marker)) return false;
  const hash = createHash('sha256')
    .update(readFileSync(join(here, 'pom.xml')))
    .digest('hex');
  return readFileSync(marker, 'utf8').trim() === hash;
}

function runSetup(log: (line: string) => void): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(here, 'setup.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const collect = (line: string) => {
      out.push(line);
      log(line);
    };
    createInterface({ input: child.stdout! }).on('line', collect);
    createInterface({ input: child.stderr! }).on('line', collect);
    child.on('error', rej);
    child.on('close', (code) =>
      code === 0 ? res() : rej(new Error(`neo4j setup failed (exit ${code}):\n${out.slice(-TAIL_LINES).join('\n')}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((res) => {
    const timer = setTimeout(() => res(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      res(true);
    });
  });
}

export async function startEmbeddedNeo4j(opts: StartOptions = {}): Promise<EmbeddedNeo4j> {
  const log = opts.logger ?? (() => {});
  if (!libUpToDate()) await runSetup(log);

  const port = opts.port ?? (await freePort());
  const ownsDir = !opts.dataDir;
  const home = opts.dataDir ? resolve(opts.dataDir) : await mkdtemp(join(tmpdir(), 'neo4j-embedded-'));
  await mkdir(home, { recursive: true });
  const removeHome = () => (ownsDir ? rm(home, { recursive: true, force: true, maxRetries: 3 }) : Promise.resolve());

  const args = [
    `-Xmx${opts.heap ?? '512m'}`,
    ...JVM_FLAGS,
    '-cp',
    join(libDir, '*'), // expanded by java itself, no shell involved
    join(here, 'EmbeddedNeo4j.java'),
    home,
    String(port),
  ];
  log(`starting: java ${args.join(' ')}`);
  // stdin stays piped and open: EmbeddedNeo4j exits on EOF, so it dies with us even if we crash.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });

  const tail: string[] = [];
  let onLine: (line: string) => void = () => {};
  const record = (stream: string) => (line: string) => {
    tail.push(`[${stream}] ${line}`);
    if (tail.length > TAIL_LINES) tail.shift();
    log(line);
    onLine(line);
  };
  createInterface({ input: child.stdout! }).on('line', record('stdout'));
  createInterface({ input: child.stderr! }).on('line', record('stderr'));
  child.stdin!.on('error', () => {}); // EPIPE if the JVM is already gone
  child.on('error', (err) => log(`java process error: ${err.message}`));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      child.stdin!.end();
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 20_000))) {
        log('neo4j did not stop within 20 s, killing it');
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
      await removeHome();
    })();
    return stopping;
  };

  const timeoutMs = opts.startTimeoutMs ?? 180_000;
  try {
    const uri = await new Promise<string>((res, rej) => {
      const failWith = (why: string) =>
        rej(new Error(`Embedded Neo4j ${why}. Last output:\n${tail.join('\n') || '(none)'}`));
      const timer = setTimeout(() => failWith(`did not become ready within ${timeoutMs} ms`), timeoutMs);
      onLine = (line) => {
        const m = READY.exec(line);
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      };
      child.once('error', (err) => {
        clearTimeout(timer);
        failWith(`could not be spawned (${err.message}; is a JDK 17+ on PATH?)`);
      });
      // 'close' (not 'exit') so the last stderr lines are in the tail
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        failWith(`exited before it was ready (code ${code}, signal ${signal})`);
      });
    });
    onLine = () => {};
    log(`neo4j ready at ${uri} (home ${home})`);
    return { uri, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
