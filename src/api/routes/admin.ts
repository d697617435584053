import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ArchiveError, unpackArchive } from '../../../ingest/unpack-archive.js';
import { HttpProblem } from '../problem.js';
import type { RouteDeps } from '../route-deps.js';
import { IngestSummary, problems } from '../schemas.js';
import { keyRequired } from '../security.js';

const ARCHIVE_TYPES = ['application/zip', 'application/x-tar', 'application/gzip', 'application/octet-stream'];
/** Importing a large pack embeds thousands of texts; the general request timeout is for questions. */
const INGEST_TIMEOUT_MS = 15 * 60_000;

export const adminRoutes =
  ({ services, auth, limits, metrics }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Archives arrive as the raw request body; the route decides whether it is zip or tar.
    app.addContentTypeParser(
      ARCHIVE_TYPES,
      { parseAs: 'buffer', bodyLimit: limits.maxUploadBytes },
      (_req, body, done) => done(null, body),
    );
    // onRequest, not preHandler: a caller without the admin key is turned away before a large upload is read.
    app.addHook('onRequest', auth.require('admin'));

    app.post(
      '/v1/admin/ingest',
      {
        ...(limits.requestTimeoutMs > 0
          ? { handlerTimeout: Math.max(limits.requestTimeoutMs, INGEST_TIMEOUT_MS) }
          : {}),
        schema: {
          tags: ['admin'],
          summary: 'Import a knowledge pack uploaded as a zip or tar(.gz) archive',
          description:
            'Send the archive as the request body with content-type application/zip, application/x-tar or application/gzip. ' +
            'Each file is applied atomically; a malformed file is reported with its line and changes nothing. Requires the admin scope.',
          security: keyRequired,
          querystring: z.object({
            sync: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .describe('Also remove facts of files not in the pack'),
            dryRun: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .describe('Validate only'),
          }),
          body: z.any().meta({ type: 'string', format: 'binary' }),
          response: { 200: IngestSummary, ...problems(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
          throw new HttpProblem(400, 'empty_upload', 'Empty upload', 'send the pack archive as the request body');
        }
        let unpacked: Awaited<ReturnType<typeof unpackArchive>>;
        try {
          unpacked = await unpackArchive(req.body);
        } catch (err) {
          if (err instanceof ArchiveError) throw new HttpProblem(400, 'bad_archive', 'Bad archive', err.message);
          throw err;
        }
        try {
          const summary = await services.ingest(unpacked.dir, { sync: req.query.sync, dryRun: req.query.dryRun });
          for (const r of summary.reports) metrics.ingestFiles.inc({ status: r.status });
          req.log.info({ files: summary.files, errors: summary.errors.length }, 'pack ingested over HTTP');
          return summary;
        } finally {
          await unpacked.cleanup();
        }
      },
    );

    app.delete(
      '/v1/admin/sources',
      {
        schema: {
          tags: ['admin'],
          summary: 'Remove every fact one source file contributed',
          security: keyRequired,
          querystring: z.object({
            id: z.string().min(1).describe('Source id: the file path inside its pack, e.g. policies/returns.md'),
          }),
          response: { 204: z.undefined().describe('Removed'), ...problems(400, 401, 403, 404, 429, 503) },
        },
      },
      async (req, reply) => {
        if (!(await services.store.getSource(req.query.id))) {
          throw new HttpProblem(
            404,
            'source_not_found',
            'Source not found',
            `no source "${req.query.id}" was imported`,
          );
        }
        await services.removeSource(req.query.id);
        return reply.status(204).send();
      },
    );
  };
