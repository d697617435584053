import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphStore, SourceBatch } from '../../src/ports/graph-store.js';
import { axisVector } from '../support/vectors.js';

/**
 * The behaviour every GraphStore adapter must have. Each backend's test file calls this once
 * with a factory; nothing here knows which backend it runs against.
 */
export interface StoreHarness {
  store: GraphStore;
  /** Removes what the test wrote (scoped: never the whole database). */
  cleanup(): Promise<void>;
}

function batch(sourceId: string, hash: string, build: Omit<SourceBatch, 'source'>): SourceBatch {
  return {
    source: {
      id: sourceId,
      hash,
      fingerprint: hash,
      format: sourceId.split('.').pop() ?? '',
      importedAt: '2026-01-01T00:00:00.000Z',
      counts: { nodes: build.nodes.length, relationships: build.relationships.length, terms: build.terms.length },
    },
    ...build,
  };
}

const at = (source: string, location: string, hash = 'h1') => ({ source, location, hash });

export const products = (hash = 'h1', price = 299): SourceBatch =>
  batch('products.csv', hash, {
    nodes: [
      {
        id: 'p-x1',
        kind: 'entity',
        type: 'product',
        name: 'X1 降噪耳机',
        aliases: ['X1 headphones', 'X1'],
        attributes: { price, battery_life: 30, noise_cancelling: true },
        ...at('products.csv', 'line 2', hash),
      },
      {
        id: 'p-x2',
        kind: 'entity',
        type: 'product',
        name: 'X2 降噪耳机',
        aliases: ['X2'],
        attributes: { price: 499, battery_life: 40 },
        ...at('products.csv', 'line 3', hash),
      },
    ],
    relationships: [
      { from: 'p-x1', type: 'BELONGS_TO', to: 'c-audio', ...at('products.csv', 'line 2', hash) },
      { from: 'p-x2', type: 'BELONGS_TO', to: 'c-audio', ...at('products.csv', 'line 3', hash) },
      { from: 'p-x2', type: 'SUCCESSOR_OF', to: 'p-x1', ...at('products.csv', 'line 3', hash) },
    ],
    terms: [
      {
        id: 't:p-x1:0',
        target: 'p-x1',
        kind: 'entity',
        text: 'X1 降噪耳机',
        vector: axisVector(1),
        ...at('products.csv', 'line 2', hash),
      },
      {
        id: 't:p-x2:0',
        target: 'p-x2',
        kind: 'entity',
        text: 'X2 降噪耳机',
        vector: axisVector(2),
        ...at('products.csv', 'line 3', hash),
      },
    ],
  });

export const categories = (): SourceBatch =>
  batch('categories.csv', 'c1', {
    nodes: [
      {
        id: 'c-audio',
        kind: 'entity',
        type: 'category',
        name: '耳机',
        aliases: ['Headphones'],
        ...at('categories.csv', 'line 2', 'c1'),
      },
      // A second file adds an attribute to a product it does not own.
      { id: 'p-x1', kind: 'entity', attributes: { color: 'black' }, ...at('categories.csv', 'line 3', 'c1') },
    ],
    relationships: [],
    terms: [
      {
        id: 't:c-audio:0',
        target: 'c-audio',
        kind: 'entity',
        text: '耳机',
        vector: axisVector(3),
        ...at('categories.csv', 'line 2', 'c1'),
      },
      {
        id: 't:faq:1',
        target: 'faq-1',
        kind: 'faq',
        text: '怎么退货',
        vector: axisVector(1, undefined, 0.5),
        ...at('categories.csv', 'line 4', 'c1'),
      },
    ],
  });

/** `makeHarness` is undefined when the backend is not available here: the suite is then skipped, visibly. */
export function graphStoreContract(name: string, makeHarness: (() => Promise<StoreHarness>) | undefined) {
  describe.skipIf(!makeHarness)(`GraphStore contract: ${name}`, () => {
    let h: StoreHarness | undefined;
    let store: GraphStore;

    beforeAll(async () => {
      h = await makeHarness!();
      store = h.store;
      await store.connect();
      await store.connect(); // idempotent
    });

    afterAll(async () => {
      if (!h) return;
      await h.cleanup();
      await store.close();
      await store.close(); // idempotent
    });

    it('starts empty', async () => {
      expect(await store.stats()).toEqual({ nodes: 0, relationships: 0, terms: 0, sources: 0, byKind: {} });
    });

    it('applies a source and reads nodes back as plain values with provenance', async () => {
      await store.applySource(products());
      await store.applySource(categories());
      const x1 = await store.getNode('p-x1');
      expect(x1).toMatchObject({ id: 'p-x1', kind: 'entity', type: 'product', name: 'X1 降噪耳机' });
      expect(x1?.aliases).toEqual(['X1 headphones', 'X1']);
      expect(x1?.attributes.price).toEqual({ value: 299, source: 'products.csv', location: 'line 2', hash: 'h1' });
      expect(typeof x1?.attributes.price?.value).toBe('number');
      expect(x1?.attributes.noise_cancelling?.value).toBe(true);
      expect(x1?.attributes.color).toEqual({
        value: 'black',
        source: 'categories.csv',
        location: 'line 3',
        hash: 'c1',
      });
      expect(x1?.provenance.map((p) => p.source)).toEqual(['categories.csv', 'products.csv']);
      expect(await store.getNode('nope')).toBeUndefined();
      expect((await store.getNodes(['p-x2', 'nope', 'c-audio'])).map((n) => n.id)).toEqual(['p-x2', 'c-audio']);
    });

    it('counts what is visible', async () => {
      expect(await store.stats()).toEqual({
        nodes: 3,
        relationships: 3,
        terms: 4,
        sources: 2,
        byKind: { entity: 3 },
      });
      const src = await store.getSource('products.csv');
      expect(src).toMatchObject({
        id: 'products.csv',
        hash: 'h1',
        format: 'csv',
        counts: { nodes: 2, relationships: 3, terms: 2 },
      });
      expect((await store.listSources()).map((s) => s.id)).toEqual(['categories.csv', 'products.csv']);
    });

    it('lists nodes in id order, by kind and type, in pages', async () => {
      expect((await store.listNodes()).map((n) => n.id)).toEqual(['c-audio', 'p-x1', 'p-x2']);
      expect((await store.listNodes({ type: 'product' })).map((n) => n.id)).toEqual(['p-x1', 'p-x2']);
      expect((await store.listNodes({ kind: 'entity', offset: 1, limit: 1 })).map((n) => n.id)).toEqual(['p-x1']);
      expect(await store.listNodes({ kind: 'faq' })).toEqual([]);
    });

    it('lists relationships by type and direction, with provenance', async () => {
      const out = await store.relationships('p-x2', { direction: 'out' });
      expect(out.map((r) => `${r.type}>${r.to}`)).toEqual(['BELONGS_TO>c-audio', 'SUCCESSOR_OF>p-x1']);
      expect(out[0]).toMatchObject({ source: 'products.csv', location: 'line 3', hash: 'h1' });
      const incoming = await store.relationships('c-audio', { direction: 'in', type: 'BELONGS_TO' });
      expect(incoming.map((r) => r.from)).toEqual(['p-x1', 'p-x2']);
      expect(await store.relationships('p-x1', { direction: 'in' })).toHaveLength(1);
      expect(await store.relationships('p-x1')).toHaveLength(2);
    });

    it('walks a neighbourhood to a depth', async () => {
      const one = await store.neighbourhood('p-x1', 1);
      expect(one.nodes.map((n) => n.id).sort()).toEqual(['c-audio', 'p-x1', 'p-x2']);
      expect(one.relationships).toHaveLength(2);
      const two = await store.neighbourhood('c-audio', 2);
      expect(two.relationships).toHaveLength(3);
      const capped = await store.neighbourhood('c-audio', 2, 2);
      expect(capped.nodes).toHaveLength(2);
      expect(await store.neighbourhood('nope', 2)).toEqual({ nodes: [], relationships: [] });
    });

    it('finds by name or alias, ignoring case, width and spacing', async () => {
      expect((await store.findByName('x1')).map((n) => n.id)).toEqual(['p-x1']);
      expect((await store.findByName('Ｘ１ 降噪耳机')).map((n) => n.id)).toEqual(['p-x1']);
      expect((await store.findByName('x1 HEADPHONES')).map((n) => n.id)).toEqual(['p-x1']);
      expect(await store.findByName('耳机', { type: 'product' })).toEqual([]);
      expect((await store.findByName('耳机', { kind: 'entity' })).map((n) => n.id)).toEqual(['c-audio']);
      expect(await store.findByName('')).toEqual([]);
    });

    it('searches terms by vector, nearest first, filtered by kind', async () => {
      // Vector indexes are approximate: only clearly separated neighbours have a guaranteed order.
      const hits = await store.searchTerms(axisVector(1), { k: 2 });
      expect(hits.map((t) => t.id)).toEqual(['t:p-x1:0', 't:faq:1']);
      expect(hits[0]?.score).toBeCloseTo(1, 3);
      expect(hits[0]).toMatchObject({ target: 'p-x1', kind: 'entity', source: 'products.csv' });
      const faqs = await store.searchTerms(axisVector(1), { k: 5, kinds: ['faq'] });
      expect(faqs.map((t) => t.id)).toEqual(['t:faq:1']);
      // Restricted to given targets, every term of them is scored, however far from the vector.
      const own = await store.searchTerms(axisVector(1), { k: 5, targets: ['p-x2', 'c-audio'] });
      expect(own.map((t) => t.id).sort()).toEqual(['t:c-audio:0', 't:p-x2:0']);
      expect(own[0]?.score).toBeLessThan(0.5);
      expect((await store.listTerms(['entity'])).map((t) => t.id).sort()).toEqual([
        't:c-audio:0',
        't:p-x1:0',
        't:p-x2:0',
      ]);
    });

    it('re-applying the same source changes nothing', async () => {
      const before = { stats: await store.stats(), x1: await store.getNode('p-x1') };
      await store.applySource(products());
      expect(await store.stats()).toEqual(before.stats);
      expect(await store.getNode('p-x1')).toEqual(before.x1);
    });

    it('replacing a source replaces only its facts', async () => {
      const changed = products('h2', 279);
      changed.nodes = changed.nodes.filter((n) => n.id === 'p-x1');
      changed.relationships = changed.relationships.filter((r) => r.from === 'p-x1');
      changed.terms = changed.terms.filter((t) => t.target === 'p-x1');
      await store.applySource(changed);
      const x1 = await store.getNode('p-x1');
      expect(x1?.attributes.price).toEqual({ value: 279, source: 'products.csv', location: 'line 2', hash: 'h2' });
      expect(x1?.attributes.color?.value).toBe('black');
      expect(await store.getNode('p-x2')).toBeUndefined();
      expect(await store.relationships('c-audio')).toHaveLength(1);
      expect((await store.getSource('products.csv'))?.hash).toBe('h2');
      await store.applySource(products());
    });

    it('a failing batch changes nothing', async () => {
      const before = await store.stats();
      const bad = products('h3');
      bad.nodes[1] = { ...bad.nodes[1]!, source: 'other.csv' };
      await expect(store.applySource(bad)).rejects.toThrow();
      expect(await store.stats()).toEqual(before);
      expect((await store.getSource('products.csv'))?.hash).toBe('h1');
    });

    it('a relationship to a node no source defines stays hidden until one does', async () => {
      await store.applySource(
        batch('links.tsv', 'l1', {
          nodes: [],
          relationships: [{ from: 'p-x1', type: 'COMPATIBLE_WITH', to: 'p-phone', ...at('links.tsv', 'line 1', 'l1') }],
          terms: [],
        }),
      );
      expect(await store.relationships('p-x1', { type: 'COMPATIBLE_WITH' })).toEqual([]);
      expect((await store.stats()).nodes).toBe(3);
      await store.applySource(
        batch('phones.csv', 'ph1', {
          nodes: [
            { id: 'p-phone', kind: 'entity', type: 'product', name: 'G5 手机', ...at('phones.csv', 'line 2', 'ph1') },
          ],
          relationships: [],
          terms: [],
        }),
      );
      expect((await store.relationships('p-x1', { type: 'COMPATIBLE_WITH' })).map((r) => r.to)).toEqual(['p-phone']);
      await store.deleteSource('phones.csv');
      await store.deleteSource('links.tsv');
    });

    it('deleting a source removes exactly its facts', async () => {
      await store.deleteSource('categories.csv');
      const x1 = await store.getNode('p-x1');
      expect(x1?.attributes.color).toBeUndefined();
      expect(x1?.attributes.price?.value).toBe(299);
      expect(await store.getNode('c-audio')).toBeUndefined();
      expect(await store.relationships('p-x1', { type: 'BELONGS_TO' })).toEqual([]);
      expect(await store.stats()).toEqual({ nodes: 2, relationships: 1, terms: 2, sources: 1, byKind: { entity: 2 } });
      await store.deleteSource('products.csv');
      expect(await store.stats()).toEqual({ nodes: 0, relationships: 0, terms: 0, sources: 0, byKind: {} });
      await store.deleteSource('never-imported.csv');
    });
  });
}
