import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts embedded Neo4j once per run (or uses NEO4J_URI); see tools/neo4j/README.md.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // beforeAll hooks may create indexes on a freshly started server.
    hookTimeout: 240_000,
    // Forks, not threads: native deps (onnxruntime, neo4j-driver sockets) behave better in separate processes.
    pool: 'forks',
  },
});
