import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createFakeEmbedder } from '../../graph/embedding/fake-embedder.js';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import { type AppOptions, buildApp } from '../../src/api/build-app.js';
import { createServices, type Services } from '../../src/services.js';

export const MINI_PACK = fileURLToPath(new URL('../fixtures/mini-pack/', import.meta.url));

/** One key per scope, so each test can present exactly the scope it means. */
export const KEYS = {
  admin: 'admin-key-0123456789abcdef',
  read: 'read-key-0123456789abcdef',
  ask: 'ask-key-0123456789abcdef',
} as const;

export const withKey = (key: string) => ({ 'x-api-key': key });

/**
 * The API over the memory store and the fake embedder with the mini pack imported: fast, no model.
 * No scope is public unless `auth` says so, so every route's key check is exercised.
 */
export async function miniApp(
  opts: Partial<AppOptions> & { ingest?: boolean } = {},
): Promise<{ app: FastifyInstance; services: Services; close(): Promise<void> }> {
  const services = opts.services ?? createServices({ store: createMemoryStore(), embedder: createFakeEmbedder(512) });
  const app = await buildApp({
    auth: {
      keys: [
        { key: KEYS.admin, scopes: ['admin'] },
        { key: KEYS.read, scopes: ['read'] },
        { key: KEYS.ask, scopes: ['ask'] },
      ],
      publicScopes: [],
    },
    ...opts,
    services,
  });
  await services.start();
  if (opts.ingest !== false) {
    const summary = await services.ingest(MINI_PACK);
    if (summary.errors.length > 0) throw new Error(`mini pack failed: ${JSON.stringify(summary.errors)}`);
  }
  return {
    app,
    services,
    async close() {
      await app.close();
      await services.close();
    },
  };
}
