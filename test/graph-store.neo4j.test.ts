import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createNeo4jStore } from '../graph/neo4j/neo4j-store.js';
import { graphStoreContract } from './contract/graph-store.contract.js';
import { TEST_DIMENSION } from './support/vectors.js';

const uri = inject('neo4jUri');

graphStoreContract(
  'neo4j',
  uri
    ? async () => {
        const store = createNeo4jStore({
          uri,
          user: inject('neo4jUser') ?? undefined,
          password: inject('neo4jPassword') ?? undefined,
          dimension: TEST_DIMENSION,
          namespace: `test-${randomUUID()}`,
        });
        return { store, cleanup: () => store.dropNamespace() };
      }
    : undefined,
);
