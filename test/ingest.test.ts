import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeEmbedder } from '../graph/embedding/fake-embedder.js';
import { ingestPack } from '../ingest/ingest-pack.js';
import { sha256 } from '../ingest/read-pack.js';
import type { GraphStore } from '../src/ports/graph-store.js';
import { testBackends } from './support/backends.js';
import { dumpGraph, graphDigest } from './support/graph-digest.js';
import { TEST_DIMENSION } from './support/vectors.js';

const MINI = fileURLToPath(new URL('./fixtures/mini-pack/', import.meta.url));
const embedder = createFakeEmbedder(TEST_DIMENSION);
const dirs: string[] = [];

async function copyPack(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  dirs.push(dir);
  await cp(MINI, dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe.each(testBackends())('ingest on $name', (backend) => {
  let store: GraphStore;
  let cleanup: () => Promise<void>;
  let pack: string;
  const ingest = (opts: { sync?: boolean; dryRun?: boolean } = {}) =>
    ingestPack({ store, embedder, dir: pack, ...opts });

  beforeEach(async () => {
    ({ store, cleanup } = backend.create(TEST_DIMENSION));
    await store.connect();
    pack = await copyPack();
  });

  afterEach(async () => {
    await cleanup();
    await store.close();
  });

  it('imports every format', async () => {
    const s = await ingest();
    expect(s.errors).toEqual([]);
    expect(s.files).toEqual({ total: 6, imported: 6, unchanged: 0, failed: 0, removed: 0 });
    expect(s.counts).toMatchObject({ documents: 1, sections: 3, faqs: 2 });

    const math = await store.getNode('c-math');
    expect(math).toMatchObject({ type: 'course', name: '高等数学', aliases: ['Calculus', 'Math 101'] });
    expect(math?.text).toBe('Limits, derivatives and integrals.');
    expect(math?.attributes.fee?.value).toBe(1200);
    expect(math?.attributes.先修课程?.value).toBe('初等数学'); // tsv literal
    expect((await store.relationships('c-math', { type: 'TAUGHT_BY' })).map((r) => r.to)).toEqual(['t-li']);
    expect((await store.relationships('t-li', { type: '同事' })).map((r) => r.to)).toEqual(['t-wang']); // tsv relation

    const doc = await store.getNode('doc-refund');
    expect(doc).toMatchObject({ kind: 'document', type: 'policy', name: '退费政策', aliases: ['Refund policy'] });
    expect(doc?.attributes.effective?.value).toBe('2026-01-01');
    const applies = await store.relationships('doc-refund', { type: 'APPLIES_TO' });
    expect(applies.map((r) => r.to).sort()).toEqual(['c-eng', 'c-math']);
    const sections = await store.relationships('doc-refund', { type: 'HAS_SECTION' });
    const nodes = await store.getNodes(sections.map((r) => r.to));
    expect(nodes.map((n) => n.name).sort()).toEqual(['退费政策', '退费政策 > 开课后', '退费政策 > 开课后 > 特殊情况']);
    const after = nodes.find((n) => n.name === '退费政策 > 开课后')!;
    expect(after.provenance[0]?.location).toMatch(/^line 11 § 退费政策 > 开课后$/);
    expect((await store.relationships(after.id, { type: 'MENTIONS' })).map((r) => r.to)).toEqual(['c-math']);

    const faq = await store.getNode('faq-enroll');
    expect(faq).toMatchObject({ kind: 'faq', name: '怎么报名课程？', aliases: ['How do I enrol?'] });
    expect(
      (await store.relationships('faq-enroll', { direction: 'out' })).map((r) => `${r.type}>${r.to}`).sort(),
    ).toEqual(['ABOUT>c-math', 'MENTIONS>c-eng', 'MENTIONS>c-math']);
    const fee = await store.getNode('schema:attribute:fee');
    expect(fee).toMatchObject({ kind: 'schema', name: '学费' });
    expect(fee?.attributes.unit?.value).toBe('元');
    expect(await store.getNode('schema:attribute:hours')).toMatchObject({ kind: 'schema', type: 'attribute' });
  });

  it('records provenance on every node, attribute and relationship', async () => {
    await ingest();
    const hashes = new Map<string, string>();
    for (const f of ['courses.csv', 'teachers.csv', 'docs/refund.md', 'faq.jsonl', 'facts.tsv', 'schema.yaml']) {
      hashes.set(f, sha256(await readFile(join(pack, f))));
    }
    const { nodes, relationships } = await dumpGraph(store);
    expect(nodes.length).toBeGreaterThan(10);
    for (const n of nodes) {
      expect(n.provenance.length, n.id).toBeGreaterThan(0);
      for (const p of n.provenance) {
        expect(p.hash, n.id).toBe(hashes.get(p.source));
        expect(p.location, n.id).toMatch(/line \d+/);
      }
      for (const [key, a] of Object.entries(n.attributes)) {
        expect(a.hash, `${n.id}.${key}`).toBe(hashes.get(a.source));
        expect(a.location, `${n.id}.${key}`).toBeTruthy();
      }
    }
    expect(relationships.length).toBeGreaterThan(5);
    for (const r of relationships) {
      expect(r.hash, `${r.from}-${r.type}-${r.to}`).toBe(hashes.get(r.source));
      expect(r.location).toMatch(/line \d+/);
    }
  });

  it('re-importing the same pack changes nothing', async () => {
    await ingest();
    const before = { digest: await graphDigest(store), stats: await store.stats() };
    const again = await ingest();
    expect(again.files).toMatchObject({ imported: 0, unchanged: 6 });
    expect(await store.stats()).toEqual(before.stats);
    expect(await graphDigest(store)).toBe(before.digest);
  });

  it('an edited row replaces only that row’s facts', async () => {
    await ingest();
    const before = await dumpGraph(store);
    const csv = await readFile(join(pack, 'courses.csv'), 'utf8');
    await writeFile(
      join(pack, 'courses.csv'),
      csv.replace('c-eng,course,学术英语,Academic English,,800', 'c-eng,course,学术英语,Academic English,,850'),
    );
    const s = await ingest();
    expect(s.reports.filter((r) => r.status === 'imported').map((r) => r.file)).toEqual(['courses.csv']);
    const after = await dumpGraph(store);
    const changed = after.nodes.filter((n) => {
      const old = before.nodes.find((o) => o.id === n.id);
      return JSON.stringify(strip(old)) !== JSON.stringify(strip(n));
    });
    expect(changed.map((n) => n.id)).toEqual(['c-eng']);
    expect(changed[0]?.attributes.fee?.value).toBe(850);
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(after.relationships.map(relKey)).toEqual(before.relationships.map(relKey));
    expect(after.relationships.map(strip)).toEqual(before.relationships.map(strip));
  });

  it('--sync removes only the facts of a deleted file', async () => {
    await ingest();
    await rm(join(pack, 'facts.tsv'));
    const plain = await ingest();
    expect(plain.files.removed).toBe(0);
    expect((await store.getNode('c-math'))?.attributes.先修课程).toBeDefined();
    const s = await ingest({ sync: true });
    expect(s.reports.filter((r) => r.status === 'removed').map((r) => r.file)).toEqual(['facts.tsv']);
    const math = await store.getNode('c-math');
    expect(math?.attributes.先修课程).toBeUndefined();
    expect(math?.attributes.fee?.value).toBe(1200);
    expect(await store.relationships('t-li', { type: '同事' })).toEqual([]);
    expect(await store.getSource('facts.tsv')).toBeUndefined();
    expect((await store.listSources()).length).toBe(5);
  });

  it('--dry-run validates and writes nothing', async () => {
    const s = await ingest({ dryRun: true });
    expect(s).toMatchObject({ dryRun: true, errors: [] });
    expect(s.files.imported).toBe(6);
    expect((await store.stats()).nodes).toBe(0);
  });

  const refundCopy = (id: string, title: string) =>
    `---\nid: ${id}\ntype: policy\ntitle: ${title}\n---\n## 开课后\n开课后一个月内可以退一半学费。\n`;

  it('a document that takes an entity’s id and type from another file fails; the entity keeps its facts', async () => {
    await ingest();
    const before = await graphDigest(store);
    await writeFile(join(pack, 'docs/math.md'), `---\nid: c-math\ntype: course\ntitle: 高数简介\n---\n正文。\n`);
    const s = await ingest();
    expect(s.errors).toEqual([
      { file: 'docs/math.md', line: 2, reason: 'id "c-math" is already defined in courses.csv' },
    ]);
    expect(await graphDigest(store)).toBe(before);
    expect(await store.getNode('c-math')).toMatchObject({ kind: 'entity', name: '高等数学' });
  });

  it('a second document with the same id fails, in the same run or a later one; the first keeps its sections', async () => {
    await writeFile(join(pack, 'docs/z-refund.md'), refundCopy('doc-refund', '退款规定'));
    const s = await ingest();
    expect(s.errors).toEqual([
      { file: 'docs/z-refund.md', line: 2, reason: 'id "doc-refund" is already defined in docs/refund.md' },
    ]);
    const sections = await store.relationships('doc-refund', { type: 'HAS_SECTION' });
    expect(new Set(sections.map((r) => r.source))).toEqual(new Set(['docs/refund.md']));
    expect((await store.getNode('doc-refund'))?.provenance.map((p) => p.source)).toEqual(['docs/refund.md']);

    // A new file that sorts before the one already imported fails too: the graph's definition stays.
    const before = await graphDigest(store);
    await rm(join(pack, 'docs/z-refund.md'));
    await writeFile(join(pack, 'docs/a-refund.md'), refundCopy('doc-refund', '退款规定'));
    const again = await ingest();
    expect(again.errors).toEqual([
      { file: 'docs/a-refund.md', line: 2, reason: 'id "doc-refund" is already defined in docs/refund.md' },
    ]);
    expect(again.reports.find((r) => r.file === 'docs/refund.md')?.status).toBe('unchanged');
    expect(await graphDigest(store)).toBe(before);
  });

  it('an FAQ id defined by another FAQ file fails with its line', async () => {
    await ingest();
    const before = await graphDigest(store);
    await writeFile(
      join(pack, 'more-faq.jsonl'),
      '{"id": "faq-new", "question": "q", "answer": "a"}\n{"id": "faq-cert", "question": "证书怎么领？", "answer": "找教务。"}\n',
    );
    const s = await ingest();
    expect(s.errors).toEqual([
      { file: 'more-faq.jsonl', line: 2, reason: 'id "faq-cert" is already defined in faq.jsonl' },
    ]);
    expect(await graphDigest(store)).toBe(before);
  });

  it('re-importing a changed definer is not a redefinition; a renamed one imports with --sync', async () => {
    await ingest();
    const doc = await readFile(join(pack, 'docs/refund.md'), 'utf8');
    await writeFile(join(pack, 'docs/refund.md'), doc.replace('title: 退费政策', 'title: 退款政策'));
    expect((await ingest()).errors).toEqual([]);
    expect((await store.getNode('doc-refund'))?.name).toBe('退款政策');

    await rm(join(pack, 'docs/refund.md'));
    await writeFile(join(pack, 'docs/policy.md'), doc);
    // Without --sync the old file's facts stay in the graph, so the id is still defined there.
    expect((await ingest()).errors).toEqual([
      { file: 'docs/policy.md', line: 2, reason: 'id "doc-refund" is already defined in docs/refund.md' },
    ]);
    const synced = await ingest({ sync: true });
    expect(synced.errors).toEqual([]);
    const node = await store.getNode('doc-refund');
    expect(node).toMatchObject({ name: '退费政策' });
    expect(node?.provenance.map((p) => p.source)).toEqual(['docs/policy.md']);
    expect((await store.relationships('doc-refund', { type: 'HAS_SECTION' })).length).toBe(3);
  });

  it('entity tables may still share an id of one type: each file adds its part', async () => {
    await writeFile(join(pack, 'stock.csv'), 'id,type,name,seats\nc-math,course,高等数学,40\n');
    expect((await ingest()).errors).toEqual([]);
    const math = await store.getNode('c-math');
    expect(math?.attributes.fee?.value).toBe(1200);
    expect(math?.attributes.seats?.value).toBe(40);
  });

  it('a TSV predicate that is text on one line and an entity on another registers both readings', async () => {
    await writeFile(
      join(pack, 'facts.tsv'),
      `${await readFile(join(pack, 'facts.tsv'), 'utf8')}学术英语\t先修课程\t高等数学\n`,
    );
    expect((await ingest()).errors).toEqual([]);
    expect((await store.getNode('c-math'))?.attributes.先修课程?.value).toBe('初等数学');
    expect((await store.relationships('c-eng', { type: '先修课程' })).map((r) => r.to)).toEqual(['c-math']);
    expect(await store.getNode('schema:relation:先修课程')).toMatchObject({ kind: 'schema', type: 'relation' });
    expect(await store.getNode('schema:attribute:先修课程')).toMatchObject({ kind: 'schema', type: 'attribute' });
  });

  const malformed: [string, string, string | Buffer, RegExp, number | undefined][] = [
    ['bad CSV quoting', 'courses.csv', 'id,type,name\nc-x,course,"unclosed\nc-y,course,ok\n', /bad CSV/, 2],
    ['bad YAML in the schema', 'schema.yaml', 'attributes:\n  fee:\n    label: {zh: 学费\n  x: [\n', /bad YAML/, 4],
    [
      'bad YAML front matter',
      'docs/refund.md',
      '---\nid: doc-refund\ntitle: [unclosed\n---\nbody\n',
      /bad YAML front matter/,
      undefined,
    ],
    [
      'a duplicate id in one table',
      'teachers.csv',
      'id,type,name\nt-li,teacher,李老师\nt-wang,teacher,王老师\nt-li,teacher,李四\n',
      /duplicate id "t-li"/,
      4,
    ],
    [
      'an id with a conflicting type',
      'faq.jsonl',
      '{"id": "c-math", "question": "q", "answer": "a"}\n',
      /c-math.*faq.*course/,
      1,
    ],
    [
      'an id another file defines',
      'docs/refund.md',
      '---\nid: faq-cert\ntype: faq\ntitle: 证书\n---\n正文。\n',
      /id "faq-cert" is already defined in faq\.jsonl/,
      2,
    ],
    [
      'a relation to an unknown id',
      'courses.csv',
      'id,type,name,rel:TAUGHT_BY\nc-math,course,高等数学,t-li\nc-eng,course,学术英语,t-nobody\n',
      /"t-nobody" is not a known id/,
      3,
    ],
    [
      'invalid UTF-8',
      'teachers.csv',
      Buffer.concat([
        Buffer.from('id,type,name\nt-li,teacher,李老师\nt-wang,teacher,'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\n'),
      ]),
      /invalid UTF-8/,
      3,
    ],
    [
      'a bad FAQ line',
      'faq.jsonl',
      '{"id": "faq-1", "question": "q", "answer": "a"}\n{"id": "faq-2", "question": "q"\n',
      /bad JSON/,
      2,
    ],
    ['a short triple', 'facts.tsv', '高等数学\t先修课程\t初等数学\n李老师\t同事\n', /3 tab-separated/, 2],
  ];

  it.each(malformed)(
    '%s: reported with file and line, graph unchanged, others still import',
    async (_case, file, content, reason, line) => {
      await ingest();
      const before = await graphDigest(store);
      await writeFile(join(pack, file), content);
      // Touch another file so we can see it still imports beside the broken one.
      const other = file === 'schema.yaml' ? 'faq.jsonl' : 'schema.yaml';
      await writeFile(join(pack, other), `${await readFile(join(pack, other), 'utf8')}\n`);
      const s = await ingest();
      const error = s.errors.find((e) => e.file === file);
      expect(error, JSON.stringify(s.errors)).toBeDefined();
      expect(error?.reason).toMatch(reason);
      if (line !== undefined) expect(error?.line).toBe(line);
      else expect(error?.line).toBeGreaterThan(0);
      expect(s.reports.find((r) => r.file === other)?.status).toBe('imported');
      // Only the touched file's fingerprint moved; every fact of the broken file is still there.
      const sourceOf = (await store.getSource(file))!;
      expect(sourceOf.hash).not.toBe(sha256(typeof content === 'string' ? Buffer.from(content) : content));
      await writeFile(join(pack, other), await readFile(join(MINI, other), 'utf8'));
      await ingest();
      expect(await graphDigest(store)).toBe(before);
    },
  );
});

/** Facts without the file hash: every fact of an edited file carries the file's new hash. */
const strip = (n: unknown) => JSON.parse(JSON.stringify(n ?? null), (k, v) => (k === 'hash' ? undefined : v));
const relKey = (r: { from: string; type: string; to: string; source: string }) =>
  `${r.from}|${r.type}|${r.to}|${r.source}`;
