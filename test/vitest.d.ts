// Values provided by test/global-setup.ts, read in tests with inject().
declare module 'vitest' {
  export interface ProvidedContext {
    /** Bolt URI, or null when no Neo4j is available (Neo4j tests skip). */
    neo4jUri: string | null;
    neo4jUser: string | null;
    neo4jPassword: string | null;
    neo4jDatabase: string;
  }
}

export {};
