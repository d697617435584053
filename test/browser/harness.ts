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
