/**
 * Fast checks of the harness's own logic (no model, no data sets): `npx tsx bench/qa/selfcheck.ts`.
 * The benchmark is only as fair as its parsing and scoring, so these pin them down.
 */
import assert from 'node:assert/strict';
import type { AskResult } from '../../src/qa/types.js';
import { humaniseIntent, parseNlpcc, triplesTsv, tsvField } from './datasets.js';
import { givenFaq } from './intents.js';
import { latency } from './measure.js';
import { scoreNlpcc } from './nlpcc.js';
import { subsample } from './prng.js';
import { replaceSection } from './report.js';

const nlpcc =
  '<question id=1>\t高等数学的出版社是哪个？\r\n<triple id=1>\t高等数学 ||| 出版社 ||| 机械工业出版社\r\n<answer id=1>\t机械工业出版社\r\n' +
  '==================================================\r\n' +
  '<question id=2>\t#标签 的作者？\r\n<triple id=2>\t#标签 ||| 作者 ||| a\tb\r\n<answer id=2>\ta\tb\r\n' +
  '==================================================\r\n' +
  '<question id=3>\tx\r\n<triple id=3>\t ||| 日语 ||| カーヤ\r\n<answer id=3>\tカーヤ\r\n' +
  '==================================================\r\n';
const items = parseNlpcc(nlpcc, 'fixture');
assert.equal(items.length, 3);
assert.deepEqual(
  { s: items[0]!.subject, p: items[0]!.predicate, o: items[0]!.object, a: items[0]!.answer },
  { s: '高等数学', p: '出版社', o: '机械工业出版社', a: '机械工业出版社' },
);
assert.equal(items[1]!.object, 'a\tb');
assert.equal(tsvField(' a\tb\r\nc '), 'a b c');
const kb = triplesTsv([...items, items[0]!]);
assert.equal(kb.written, 2);
assert.equal(kb.duplicates, 1);
assert.equal(kb.skippedEmpty, 1);
assert.equal(kb.hashEscaped, 1);
assert.ok(kb.text.includes('\n #标签\t作者\ta b\n'), 'a row starting with # is kept, not read as a comment');
assert.throws(() => parseNlpcc('<question id=1>\tq\r\n<answer id=1>\ta\r\n=====\r\n', 'bad'), /lacks/);

const result = (over: Partial<AskResult>): AskResult => ({
  answer: '',
  status: 'answered',
  confidence: 1,
  language: 'zh',
  citations: [],
  entities: [],
  facts: [],
  suggestions: [],
  ...over,
});
const fact = (object: string) => ({
  subject: 'e',
  subjectName: '高等数学',
  predicate: '出版社',
  object,
  source: 'kb.tsv',
  location: 'line 2',
});
const it = items[0]!;
assert.equal(scoreNlpcc(it, result({ facts: [fact('机械工业出版社')] })).exact, true);
assert.equal(scoreNlpcc(it, result({ facts: [fact('机械工业出版社 ')] })).exact, true);
const multi = scoreNlpcc(it, result({ facts: [fact('清华大学出版社；机械工业出版社')] }));
assert.equal(multi.exact, true);
assert.equal(multi.exactViaMulti, true);
assert.equal(multi.f1, 2 / 3);
assert.equal(scoreNlpcc(it, result({ facts: [fact('机械工业')] })).exact, false);
assert.equal(scoreNlpcc(it, result({ status: 'fallback', facts: [fact('机械工业出版社')] })).exact, false);
assert.equal(scoreNlpcc(it, result({ answer: '是机械工业出版社。' })).contains, true);
assert.equal(scoreNlpcc(it, result({ answer: '是机械工业出版社。' })).exact, false);

const faqs = new Set(['card_arrival', 'pin_blocked']);
const cite = (nodeId: string) => ({ sourceId: 'faq.jsonl', title: '', excerpt: '', nodeId });
assert.equal(givenFaq(result({ citations: [cite('x'), cite('pin_blocked')] }), faqs), 'pin_blocked');
// A hand-over carries the answer it found; a fallback's suggestions are not an answer.
assert.equal(givenFaq(result({ status: 'escalated', citations: [cite('pin_blocked')] }), faqs), 'pin_blocked');
assert.equal(givenFaq(result({ status: 'fallback', citations: [cite('pin_blocked')] }), faqs), undefined);
assert.equal(humaniseIntent('Refund_not_showing_up'), 'refund not showing up');
assert.equal(humaniseIntent('reverted_card_payment?'), 'reverted card payment');

const xs = Array.from({ length: 100 }, (_, i) => i);
assert.deepEqual(subsample(xs, 10, 2016), subsample(xs, 10, 2016));
assert.equal(new Set(subsample(xs, 10, 2016)).size, 10);
assert.deepEqual(subsample(xs, undefined, 2016), xs);
assert.equal(latency([5, 1, 3, 2, 4]).p50, 3);
assert.equal(latency(Array.from({ length: 100 }, (_, i) => i + 1)).p95, 95);

const md = '# Benchmarks\n\n## Ingest\n\ningest table\n\n## QA benchmarks\n\nold\n\n## Later\n\nkeep\n';
const out = replaceSection(md, '## QA benchmarks\n\nnew\n');
assert.equal(out, '# Benchmarks\n\n## Ingest\n\ningest table\n\n## QA benchmarks\n\nnew\n\n## Later\n\nkeep\n');
assert.equal(
  replaceSection('# B\n\n## Ingest\n\nx\n', '## QA benchmarks\n\nnew\n'),
  '# B\n\n## Ingest\n\nx\n\n## QA benchmarks\n\nnew\n',
);
assert.equal(replaceSection('', '## QA benchmarks\n\nnew\n'), '# Benchmarks\n\n## QA benchmarks\n\nnew\n');
assert.equal(replaceSection(out, '## QA benchmarks\n\nnew\n'), out, 'idempotent');

console.log('bench/qa selfcheck: ok');
