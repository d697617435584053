import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * The browser pages: the customer chat (`/`) and the graph explorer (`/explorer`). Plain HTML, CSS and
 * ES modules from `src/web/`, served as they are (no build step); sigma and graphology are served from
 * node_modules as their self-contained UMD bundles. The HTML needs no key: the pages call the API with
 * the public scopes, or with the key the visitor types in (kept in localStorage, sent as `x-api-key`).
 */

/** `src/web/` both when running from source (tsx) and from a `tsc` build (`dist/src/api/routes/`). */
function findWebDir(): string {
  const candidates = ['../../web/', '../../../../src/web/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

const require = createRequire(import.meta.url);
/** The folder holding a package's main file (both packages keep their browser bundles next to it). */
const distOf = (pkg: string) => dirname(require.resolve(pkg));

/** The only files of node_modules the pages can load, under `/vendor/`: self-contained UMD bundles. */
const VENDOR_FILES = {
  'sigma.min.js': join(distOf('sigma'), 'sigma.min.js'),
  'graphology.umd.min.js': join(distOf('graphology'), 'graphology.umd.min.js'),
};

// Everything the pages load comes from this origin; no inline script, no framing.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGES = { '/': 'index.html', '/explorer': 'explorer.html' } as const;

export const pagesRoutes =
  (opts: { webDir?: string } = {}): FastifyPluginAsync =>
  async (app) => {
    const webDir = opts.webDir ?? findWebDir();
    const nosniff = (reply: FastifyReply) => reply.header('x-content-type-options', 'nosniff');

    // One route per file found at start (wildcard: false), so a path that is not a page asset is a plain 404.
    await app.register(fastifyStatic, {
      root: join(webDir, 'assets'),
      prefix: '/assets/',
      wildcard: false,
      decorateReply: false,
      index: false,
      // Revalidate every time (ETag / Last-Modified): the files are edited in place, there is no build hash.
      cacheControl: true,
      maxAge: 0,
      setHeaders: (reply) => nosniff(reply),
    });

    for (const [name, file] of Object.entries(VENDOR_FILES)) {
      app.get(`/vendor/${name}`, { schema: { hide: true } }, async (req, reply) => {
        const { size, mtimeMs } = await stat(file);
        const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
        nosniff(reply).header('etag', etag).header('cache-control', 'public, max-age=3600');
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.type('text/javascript; charset=utf-8').send(createReadStream(file));
      });
    }

    for (const [url, file] of Object.entries(PAGES)) {
      app.get(url, { schema: { hide: true } }, async (_req, reply) => {
        const html = await readFile(join(webDir, file), 'utf8');
        nosniff(reply)
          .header('content-security-policy', CSP)
          .header('referrer-policy', 'same-origin')
          .header('cache-control', 'no-cache')
          .type('text/html; charset=utf-8');
        return html;
      });
    }
  };
