import type { IngestSummary } from '../ingest/ingest-pack.js';
import { ingestPack } from '../ingest/ingest-pack.js';
import { type Catalog, createCatalog } from './catalog/catalog.js';
import { createMemoryFeedbackStore } from './feedback/memory-feedback-store.js';
import type { Embedder } from './ports/embedder.js';
import type { FeedbackStore } from './ports/feedback-store.js';
import type { GraphStore } from './ports/graph-store.js';
import type { SessionStore } from './ports/session-store.js';
import { createKnowledgeIndexCache } from './qa/knowledge-index.js';
import { createQaService, type QaService } from './qa/qa-service.js';
import type { Thresholds } from './qa/thresholds.js';
import { createMemorySessionStore } from './sessions/memory-session-store.js';

export interface Services {
  store: GraphStore;
  embedder: Embedder;
  sessions: SessionStore;
  qa: QaService;
  /** Browsing the graph: entity search, node details, FAQs, schema, sources. */
  catalog: Catalog;
  feedback: FeedbackStore;
  /** Store connected, model loaded and the start-up work done. */
  isReady(): boolean;
  /**
   * Connects the store and loads the model, then runs `warmup` (e.g. loading the demo pack) before
   * reporting ready, so the first questions are not answered from an empty graph. Idempotent.
   */
  start(warmup?: () => Promise<void>): Promise<void>;
  ingest(dir: string, opts?: { sync?: boolean; dryRun?: boolean }): Promise<IngestSummary>;
  /** Removes one source file's facts and refreshes what the QA engine caches. */
  removeSource(sourceId: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds the application services around the two ports; adapters are chosen by the caller. */
export function createServices(deps: {
  store: GraphStore;
  embedder: Embedder;
  sessions?: SessionStore;
  feedback?: FeedbackStore;
  thresholds?: Thresholds;
}): Services {
  const { store, embedder } = deps;
  const sessions = deps.sessions ?? createMemorySessionStore();
  const index = createKnowledgeIndexCache(store);
  const qa = createQaService({ store, embedder, index, sessions, thresholds: deps.thresholds });
  let ready = false;
  let starting: Promise<void> | undefined;
  return {
    store,
    embedder,
    sessions,
    qa,
    catalog: createCatalog({ store, embedder }),
    feedback: deps.feedback ?? createMemoryFeedbackStore(),
    isReady: () => ready,
    start(warmup) {
      starting ??= Promise.all([store.connect(), embedder.init()])
        .then(() => warmup?.())
        .then(() => {
          ready = true;
        });
      return starting;
    },
    async ingest(dir, opts = {}) {
      try {
        return await ingestPack({ store, embedder, dir, ...opts });
      } finally {
        index.invalidate();
      }
    },
    async removeSource(sourceId) {
      try {
        await store.deleteSource(sourceId);
      } finally {
        index.invalidate();
      }
    },
    async close() {
      ready = false;
      await store.close();
      await embedder.close?.();
    },
  };
}
