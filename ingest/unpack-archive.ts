import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar';
import yauzl from 'yauzl';

export class ArchiveError extends Error {}

export interface UnpackLimits {
  maxFiles: number;
  maxBytes: number;
}

const DEFAULT_LIMITS: UnpackLimits = { maxFiles: 5_000, maxBytes: 512 * 1024 * 1024 };

/**
 * Unpacks an uploaded pack (zip, tar or tar.gz, told apart by magic bytes) into a fresh temp folder.
 * Refuses paths that escape the folder, links, and archives over the file-count or size limits.
 */
export async function unpackArchive(
  data: Buffer,
  limits: UnpackLimits = DEFAULT_LIMITS,
): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pack-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) await unzip(data, dir, limits);
    else
      await untar(
        data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data, { maxOutputLength: limits.maxBytes }) : data,
        dir,
        limits,
      );
    return { dir, cleanup };
  } catch (err) {
    await cleanup();
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError(`not a readable zip or tar archive: ${(err as Error).message}`);
  }
}

function safePath(root: string, name: string): string {
  const rel = normalize(name.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
  if (rel.startsWith('..') || rel.startsWith('/') || rel.includes(`..${sep}`))
    throw new ArchiveError(`unsafe path in archive: ${name}`);
  return join(root, rel);
}

async function unzip(data: Buffer, dir: string, limits: UnpackLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  let files = 0;
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        if (++files > limits.maxFiles) throw new ArchiveError(`archive has more than ${limits.maxFiles} files`);
        bytes += entry.uncompressedSize;
        if (bytes > limits.maxBytes) throw new ArchiveError(`archive unpacks to more than ${limits.maxBytes} bytes`);
        const target = safePath(dir, entry.fileName);
        await mkdir(dirname(target), { recursive: true });
        const stream = await new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(entry, (err, r) => (err ? reject(err) : resolve(r))),
        );
        await pipeline(stream, createWriteStream(target));
        zip.readEntry();
      })().catch(reject);
    });
    zip.readEntry();
  });
  zip.close();
}

async function untar(data: Buffer, dir: string, limits: UnpackLimits): Promise<void> {
  let files = 0;
  let bytes = 0;
  const entries: { path: string; body: Buffer }[] = [];
  const parser = new tar.Parser({
    strict: true,
    onReadEntry: (entry) => {
      if (entry.type !== 'File' && entry.type !== 'OldFile') {
        if (entry.type === 'SymbolicLink' || entry.type === 'Link')
          parser.abort(new ArchiveError(`links are not allowed: ${entry.path}`));
        entry.resume();
        return;
      }
      files++;
      bytes += entry.size;
      if (files > limits.maxFiles || bytes > limits.maxBytes) {
        parser.abort(new ArchiveError('archive exceeds the file-count or size limit'));
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => entries.push({ path: entry.path, body: Buffer.concat(chunks) }));
    },
  });
  await pipeline(Readable.from([data]), parser);
  if (files === 0) throw new ArchiveError('archive holds no files');
  for (const e of entries) {
    const target = safePath(dir, e.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, e.body);
  }
}
