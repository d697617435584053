import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createFakeEmbedder } from '../../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import type { GraphStore } from '../../src/ports/graph-store.js';
import type { Thresholds } from '../../src/qa/thresholds.js';
import type { AskResult } from '../../src/qa/types.js';
import { createServices, type Services } from '../../src/services.js';

/**
 * Services over a small pack written to a temporary folder, on the memory store with the fake
 * embedder (model-free); `close` removes the folder. The pack must import without errors.
 */
export async function servicesForPack(
  files: Record<string, string>,
  store: GraphStore = createMemoryStore(),
  thresholds?: Thresholds,
): Promise<{ services: Services; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'qa-pack-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const services = createServices({ store, embedder: createFakeEmbedder(256), thresholds });
  await services.start();
  expect((await services.ingest(dir)).errors).toEqual([]);
  return {
    services,
    close: async () => {
      await services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The readings the engine weighed for one question (`debug: true`), from its trace. */
export function weighed(r: AskResult): { kind: string; confidence: number; answer: string }[] {
  return (r.trace?.find((s) => s.stage === 'candidates')?.detail ?? []) as {
    kind: string;
    confidence: number;
    answer: string;
  }[];
}

/**
 * Services over a small pack for the `describe` block it is called in: loaded before its tests,
 * closed after them. Read `.services` inside the tests.
 */
export function usePack(files: Record<string, string>, thresholds?: Thresholds): { readonly services: Services } {
  let loaded: Awaited<ReturnType<typeof servicesForPack>> | undefined;
  beforeAll(async () => {
    loaded = await servicesForPack(files, undefined, thresholds);
  });
  afterAll(() => loaded?.close());
  return {
    get services() {
      if (!loaded) throw new Error('usePack: the pack is loaded in beforeAll, read it inside a test');
      return loaded.services;
    },
  };
}
