// Vitest globalSetup: gives tests a Neo4j to talk to via inject('neo4jUri').
//  - NEO4J_URI set        -> use that server (NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE), start nothing.
//  - SKIP_NEO4J=1         -> provide null (Neo4j tests skip) without paying the JVM start-up.
//  - otherwise            -> start embedded Neo4j (tools/neo4j); if that fails, Neo4j tests skip,
//                            unless REQUIRE_NEO4J=1 (CI), which fails the run instead.
import type { TestProject } from 'vitest/node';
import { startEmbeddedNeo4j } from '../tools/neo4j/launcher.js';

export default async function setup(project: TestProject) {
  const env = process.env;
  project.provide('neo4jDatabase', env.NEO4J_DATABASE || 'neo4j');
  project.provide('neo4jUser', env.NEO4J_URI ? env.NEO4J_USER || null : null);
  project.provide('neo4jPassword', env.NEO4J_URI ? env.NEO4J_PASSWORD || null : null);

  if (env.NEO4J_URI) {
    project.provide('neo4jUri', env.NEO4J_URI);
    return;
  }
  if (env.SKIP_NEO4J === '1') {
    project.provide('neo4jUri', null);
    return;
  }

  try {
    const neo4j = await startEmbeddedNeo4j();
    project.provide('neo4jUri', neo4j.uri);
    return () => neo4j.stop();
  } catch (err) {
    if (env.REQUIRE_NEO4J === '1') throw err;
    const msg = err instanceof Error ? err.message : String(err);
    console.warn(`[global-setup] embedded Neo4j unavailable, Neo4j tests will be skipped:\n${msg}`);
    project.provide('neo4jUri', null);
  }
}
