import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realModelAvailable } from './support/model.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MINI = fileURLToPath(new URL('./fixtures/mini-pack/', import.meta.url));

/** The command knowledge engineers use: real model, memory backend persisted to a temp DATA_DIR. */
describe.skipIf(!realModelAvailable())('npm run ingest (CLI)', () => {
  let dir: string;
  let pack: string;
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: join(dir, 'data'), GRAPH_BACKEND: 'memory' },
      });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-'));
    pack = join(dir, 'pack');
    await cp(MINI, pack, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('imports a pack, prints a summary and exits 0; a second run finds everything unchanged', async () => {
    const first = await cli(pack);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/6 files — 6 imported, 0 unchanged, 0 failed/);
    expect(first.out).toMatch(/FAQs 2/);
    const second = await cli(pack);
    expect(second.out).toMatch(/0 imported, 6 unchanged/);
  });

  it('reports a malformed file with file and line and exits non-zero', async () => {
    await writeFile(join(pack, 'teachers.csv'), 'id,type,name\nt-li,teacher,"李老师\n');
    const r = await cli(pack);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/ERROR teachers\.csv:2: bad CSV/);
    expect(r.out).toMatch(/1 failed/);
  });

  it('--dry-run validates without writing; --json prints the summary as JSON', async () => {
    const r = await cli(pack, '--dry-run', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ dryRun: true, errors: [{ file: 'teachers.csv', line: 2 }] });
  });
});
