import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Samples resident set size every `intervalMs` from a worker thread, so samples keep coming while
 * the main thread is busy in long synchronous stretches (the in-memory store's writes never yield).
 * RSS is per process, so the worker sees the whole node process. Optionally also follows one child
 * process (the embedded Neo4j JVM) through /proc.
 */
export interface RssSampler {
  /** Starts a new measurement window: peaks restart from the current values. */
  reset(): void;
  /** Takes a sample now (cheap; called from progress callbacks too). */
  sample(): void;
  current(): number;
  peak(): number;
  /** Follow this pid's VmRSS as well (Linux only; ignored elsewhere). */
  watchChild(pid: number | undefined): void;
  childPeak(): number | undefined;
  stop(): Promise<void>;
}

// Slots of the shared buffer.
const RSS = 0;
const PEAK = 1;
const CHILD_PID = 2;
const CHILD_RSS = 3;
const CHILD_PEAK = 4;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const s = new Float64Array(workerData.buffer);
const childRss = (pid) => {
  try {
    const m = /VmRSS:\\s+(\\d+) kB/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch { return 0; }
};
const tick = () => {
  const rss = process.memoryUsage.rss();
  s[${RSS}] = rss;
  if (rss > s[${PEAK}]) s[${PEAK}] = rss;
  if (s[${CHILD_PID}] > 0) {
    const c = childRss(s[${CHILD_PID}]);
    s[${CHILD_RSS}] = c;
    if (c > s[${CHILD_PEAK}]) s[${CHILD_PEAK}] = c;
  }
};
tick();
setInterval(tick, workerData.intervalMs);
`;

export function startRssSampler(intervalMs = 200): RssSampler {
  const buffer = new SharedArrayBuffer(8 * 5);
  const s = new Float64Array(buffer);
  s[RSS] = s[PEAK] = process.memoryUsage.rss();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { buffer, intervalMs } });
  worker.unref();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    s[RSS] = rss;
    if (rss > s[PEAK]!) s[PEAK] = rss;
  };
  return {
    reset() {
      sample();
      s[PEAK] = s[RSS]!;
      s[CHILD_PEAK] = s[CHILD_RSS]!;
    },
    sample,
    current: () => s[RSS]!,
    peak: () => Math.max(s[PEAK]!, process.memoryUsage.rss()),
    watchChild(pid) {
      s[CHILD_PID] = pid ?? 0;
      s[CHILD_RSS] = s[CHILD_PEAK] = 0;
    },
    childPeak: () => (s[CHILD_PID]! > 0 && s[CHILD_PEAK]! > 0 ? s[CHILD_PEAK]! : undefined),
    async stop() {
      await worker.terminate();
    },
  };
}

/** Pid of a direct child of this process whose command name is `comm` (Linux /proc), if any. */
export function findChildPid(comm: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ..." — comm may contain spaces, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === process.pid && name === comm) return Number(entry);
    } catch {
      // process vanished while scanning
    }
  }
  return undefined;
}
