import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../graph/memory/memory-store.js';
import { graphStoreContract, products } from './contract/graph-store.contract.js';
import { axisVector } from './support/vectors.js';

graphStoreContract('memory', async () => ({ store: createMemoryStore(), cleanup: async () => {} }));

describe('memory store persistence', () => {
  it('keeps the graph across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-mem-'));
    try {
      const file = join(dir, 'graph.json');
      const first = createMemoryStore({ file });
      await first.connect();
      await first.applySource(products());
      await first.close();
      const second = createMemoryStore({ file });
      await second.connect();
      expect((await second.stats()).nodes).toBe(2);
      expect((await second.getNode('p-x1'))?.attributes.price?.value).toBe(299);
      const [hit] = await second.searchTerms(axisVector(1), { k: 1 });
      expect(hit?.id).toBe('t:p-x1:0');
      expect(hit?.score).toBeCloseTo(1, 5);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
