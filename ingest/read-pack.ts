import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { PackError } from './pack-error.js';

export type PackFormat = 'yaml' | 'csv' | 'md' | 'jsonl' | 'tsv';

export interface PackFile {
  /** Path relative to the pack root with `/` separators: the source id of every fact in it. */
  id: string;
  format: PackFormat;
  text: string;
  /** sha256 of the raw bytes. */
  hash: string;
}

const FORMATS: Record<string, PackFormat> = {
  '.csv': 'csv',
  '.md': 'md',
  '.jsonl': 'jsonl',
  '.tsv': 'tsv',
};

/** schema first (it labels what follows), then entity tables, documents, FAQs, triples. */
const ORDER: PackFormat[] = ['yaml', 'csv', 'md', 'jsonl', 'tsv'];

export interface ReadPackResult {
  files: PackFile[];
  errors: PackError[];
}

/** Reads every pack file under `dir`. A file that is not valid UTF-8 becomes an error, not a file. */
export async function readPack(dir: string): Promise<ReadPackResult> {
  const files: PackFile[] = [];
  const errors: PackError[] = [];
  for (const path of await walk(dir)) {
    const id = relative(dir, path).split(sep).join('/');
    const base = id.split('/').pop()!;
    const format = base === 'schema.yaml' || base === 'schema.yml' ? 'yaml' : FORMATS[extname(base).toLowerCase()];
    if (!format || base.toLowerCase() === 'readme.md') continue;
    const bytes = await readFile(path);
    try {
      files.push({ id, format, text: decodeUtf8(bytes, id), hash: sha256(bytes) });
    } catch (err) {
      if (err instanceof PackError) errors.push(err);
      else throw err;
    }
  }
  files.sort((a, b) => ORDER.indexOf(a.format) - ORDER.indexOf(b.format) || a.id.localeCompare(b.id));
  return { files, errors };
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(bytes);
  } catch {
    // Find the first bad line so the error points at it.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new PackError(file, line, 'invalid UTF-8');
  }
}
