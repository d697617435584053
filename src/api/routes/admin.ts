import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ArchiveError, unpackArchive } from '../../../ingest/unpack-archive.js';
import type { Services } from '../../services.js';
import type { Auth } from '../auth.js';
import { HttpProblem } from '../problem.js';
import { IngestSummary, Problem } from '../schemas.js';

const ARCHIVE_TYPES = ['application/zip', 'application/x-tar', 'application/gzip', 'application/octet-stream'];

export const adminRoutes =
  (services: Services, auth: Auth, maxUploadBytes: number): FastifyPluginAsyncZod =>
  async (app) => {
    // Archives arrive as the raw request body; the route decides whether it is zip or tar.
    app.addContentTypeParser(ARCHIVE_TYPES, { parseAs: 'buffer', bodyLimit: maxUploadBytes }, (_req, body, done) =>
      done(null, body),
    );
    app.addHook('preHandler', auth.require('admin'));

    app.post(
      '/v1/admin/ingest',
      {
        schema: {
          tags: ['admin'],
          summary: 'Import a knowledge pack uploaded as a zip or tar(.gz) archive',
          description:
            'Send the archive as the request body with content-type application/zip, application/x-tar or application/gzip. ' +
            'Each file is applied atomically; a malformed file is reported with its line and changes nothing. Requires the admin scope.',
          security: [{ apiKey: [] }, { bearer: [] }],
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
          response: { 200: IngestSummary, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
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
          security: [{ apiKey: [] }, { bearer: [] }],
          querystring: z.object({
            id: z.string().min(1).describe('Source id: the file path inside its pack, e.g. policies/returns.md'),
          }),
          response: { 204: z.null(), 401: Problem, 403: Problem, 404: Problem },
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
        return reply.status(204).send(null);
      },
    );
  };
