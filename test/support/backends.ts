import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import { createNeo4jStore } from '../../graph/neo4j/neo4j-store.js';
import type { GraphStore } from '../../src/ports/graph-store.js';

export interface TestBackend {
  name: 'memory' | 'neo4j';
  /** A fresh, isolated store; `cleanup` removes only what it wrote. */
  create(dimension: number): { store: GraphStore; cleanup(): Promise<void> };
}

/** The backends this run can test: memory always, Neo4j when global setup provided one. */
export function testBackends(): TestBackend[] {
  const list: TestBackend[] = [
    { name: 'memory', create: () => ({ store: createMemoryStore(), cleanup: async () => {} }) },
  ];
  const uri = inject('neo4jUri');
  if (uri) {
    list.push({
      name: 'neo4j',
      create(dimension) {
        const store = createNeo4jStore({
          uri,
          user: inject('neo4jUser') ?? undefined,
          password: inject('neo4jPassword') ?? undefined,
          database: inject('neo4jDatabase') ?? undefined,
          dimension,
          namespace: `test-${randomUUID()}`,
        });
        return { store, cleanup: () => store.dropNamespace() };
      },
    });
  }
  return list;
}
