// Shared by the browser tests: the real server (real model, memory store, demo pack) on a free port, and a
// headless Chromium driven by playwright-core. Not a test file itself.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createMemoryStore } from '../../graph/memory/memory-store.js';
import type { AuthOptions } from '../../src/api/auth.js';
import { buildApp } from '../../src/api/build-app.js';
import type { GraphNode, GraphStore } from '../../src/ports/graph-store.js';
import { createServices, type Services } from '../../src/services.js';
import { createRealEmbedder, DEMO_PACK } from '../support/model.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Chromium present? Missing: the browser tests skip visibly, unless REQUIRE_BROWSER=1 (CI) makes it a failure. */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return present;
}

export interface PagesServer {
  services: Services;
  /** Base URL of the open server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Starts another app on the same services (e.g. with API keys); closed by close(). */
  another(auth: AuthOptions): Promise<string>;
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 with a free port, the real model, the memory store and the demo pack. */
export async function startPagesServer(): Promise<PagesServer> {
  const embedder = createRealEmbedder();
  const services = createServices({ store: createMemoryStore(), embedder });
  await services.start();
  const summary = await services.ingest(DEMO_PACK);
  if (summary.errors.length) throw new Error(`demo pack failed: ${JSON.stringify(summary.errors)}`);
  const apps: FastifyInstance[] = [];
  const open = async (auth?: AuthOptions) => {
    const app = await buildApp({ services, auth });
    await addReadRouteStandIns(app, services.store);
    apps.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no TCP address');
    return `http://127.0.0.1:${addr.port}`;
  };
  const url = await open();
  return {
    services,
    url,
    another: open,
    async close() {
      for (const app of apps) await app.close();
      await services.close();
    },
  };
}

/**
 * The explorer reads GET /v1/entities, /v1/entities/:id and /v1/graph/neighbourhood, which the API owner
 * is adding. Until the real routes exist, these stand-ins (test-only, same response shapes) take their place;
 * once buildApp registers a route, its stand-in is skipped and the tests run against the real one.
 */
async function addReadRouteStandIns(app: FastifyInstance, store: GraphStore) {
  const has = (url: string) => app.hasRoute({ method: 'GET', url });
  const ref = (n: GraphNode) => ({ id: n.id, name: n.name, type: n.type, kind: n.kind });
  const num = (v: unknown, dflt: number, max: number) => {
    const n = Number.parseInt(String(v ?? ''), 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, max) : dflt;
  };
  const notFound = (id: string) => ({
    type: 'https://errors.kgqa.dev/node_not_found',
    title: 'Node not found',
    status: 404,
    detail: `no node "${id}"`,
    code: 'node_not_found',
  });

  if (!has('/v1/entities')) {
    app.get('/v1/entities', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const limit = num(q.limit, 20, 100);
      const offset = Math.max(0, Number.parseInt(q.offset ?? '0', 10) || 0);
      const needle = (q.q ?? '').normalize('NFKC').toLowerCase().trim();
      const all = await store.listNodes({ kind: 'entity', type: q.type || undefined });
      const score = (n: GraphNode) => {
        const names = [n.name, ...n.aliases, n.id].map((s) => s.normalize('NFKC').toLowerCase());
        if (!needle) return 1;
        if (names.some((s) => s === needle)) return 3;
        if (names.some((s) => s.startsWith(needle))) return 2;
        return names.some((s) => s.includes(needle)) ? 1 : 0;
      };
      const hits = all
        .map((n) => ({ n, s: score(n) }))
        .filter((h) => h.s > 0)
        .sort((a, b) => b.s - a.s || a.n.name.length - b.n.name.length);
      return {
        items: hits.slice(offset, offset + limit).map(({ n }) => ({ ...ref(n), aliases: n.aliases })),
        limit,
        offset,
      };
    });
  }
  if (!has('/v1/entities/:id')) {
    app.get('/v1/entities/:id', async (req, reply) => {
      const { id } = req.params as { id: string };
      const node = await store.getNode(id);
      if (!node) return reply.status(404).type('application/problem+json').send(notFound(id));
      const relationships = await store.relationships(id);
      const others = [...new Set(relationships.map((r) => (r.from === id ? r.to : r.from)))];
      const neighbours = (await store.getNodes(others)).map(ref);
      return {
        node,
        relationships: relationships.map(({ from, type, to, source, location, hash }) => ({
          from,
          type,
          to,
          source,
          location,
          hash,
        })),
        neighbours,
      };
    });
  }
  if (!has('/v1/graph/neighbourhood')) {
    app.get('/v1/graph/neighbourhood', async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      const id = q.id ?? '';
      if (!(await store.getNode(id))) return reply.status(404).type('application/problem+json').send(notFound(id));
      const hood = await store.neighbourhood(id, num(q.depth, 1, 3), num(q.limit, 50, 200));
      return {
        nodes: hood.nodes.map(ref),
        relationships: hood.relationships.map(({ from, type, to, source, location }) => ({
          from,
          type,
          to,
          source,
          location,
        })),
      };
    });
  }
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; every console error and page error is collected in `errors`. */
export async function launchBrowser(errors: string[] = []): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kgqa-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 860 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      // Each new tab starts in the browser's language (zh-CN) whatever an earlier test chose; a reload keeps
      // the choice, as it should.
      await page.addInitScript({
        content: `if (!sessionStorage.getItem('kgqa.test')) {
          localStorage.removeItem('kgqa.lang');
          sessionStorage.setItem('kgqa.test', '1');
        }`,
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
