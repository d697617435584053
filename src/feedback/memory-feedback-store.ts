import { randomUUID } from 'node:crypto';
import type { FeedbackRecord, FeedbackStore } from '../ports/feedback-store.js';

/** Keeps the newest `maxEntries` in process memory: enough to review recent answers, lost on restart. */
export function createMemoryFeedbackStore(opts: { maxEntries?: number; now?: () => Date } = {}): FeedbackStore {
  const max = opts.maxEntries ?? 10_000;
  const now = opts.now ?? (() => new Date());
  const entries: FeedbackRecord[] = [];
  return {
    async add(input) {
      const record: FeedbackRecord = { id: randomUUID(), receivedAt: now().toISOString(), ...input };
      entries.push(record);
      if (entries.length > max) entries.splice(0, entries.length - max);
      return record;
    },
    async list({ offset, limit }) {
      const end = Math.max(0, entries.length - offset);
      const items = entries.slice(Math.max(0, end - limit), end).reverse();
      return { items, total: entries.length };
    },
  };
}
