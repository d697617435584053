import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { buildApp } from './api/build-app.js';
import { apiLimitsFromConfig } from './api/limits.js';
import { createEmbedder, createStore } from './components.js';
import { ConfigError, loadConfig } from './config.js';
import { loggerOptions } from './log/logger-options.js';
import { createServices } from './services.js';

/** Process entry: config → adapters → services → HTTP, then demo pack on an empty graph. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino(loggerOptions(config.LOG_LEVEL));
  const embedder = createEmbedder(config);
  const store = createStore(config, embedder.dimension);
  const services = createServices({ store, embedder });
  const app = await buildApp({
    services,
    logger,
    auth: { keys: config.API_KEYS, publicScopes: config.PUBLIC_SCOPES },
    limits: apiLimitsFromConfig(config),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // close() stops accepting and waits for in-flight requests before the store goes away.
    await app.close();
    await services.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  await services.start(async () => {
    if (!config.LOAD_DEMO || (await store.stats()).nodes > 0) return;
    const dir = resolve(config.DEMO_PACK);
    if (!existsSync(dir)) {
      logger.warn({ dir }, 'demo pack not found; starting with an empty graph');
      return;
    }
    const summary = await services.ingest(dir);
    logger.info({ files: summary.files, counts: summary.counts, ms: summary.durationMs }, 'demo pack loaded');
    for (const e of summary.errors) logger.warn(e, 'demo pack file skipped');
  });
  logger.info({ backend: store.backend, model: embedder.modelId }, 'ready');
}

main().catch((err) => {
  process.stderr.write(`fatal: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
