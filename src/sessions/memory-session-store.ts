import type { SessionState, SessionStore } from '../ports/session-store.js';

/** Sessions expire `ttlMs` after their last turn; the oldest are dropped beyond `maxSessions`. */
export function createMemorySessionStore(
  opts: { ttlMs?: number; maxSessions?: number; now?: () => number } = {},
): SessionStore {
  const ttl = opts.ttlMs ?? 30 * 60_000;
  const max = opts.maxSessions ?? 10_000;
  const now = opts.now ?? Date.now;
  const sessions = new Map<string, SessionState>();
  return {
    async get(id) {
      const s = sessions.get(id);
      if (s && now() - s.updatedAt > ttl) {
        sessions.delete(id);
        return undefined;
      }
      return s;
    },
    async set(state) {
      sessions.delete(state.id); // re-insert so Map order is least-recently-used first
      sessions.set(state.id, state);
      while (sessions.size > max) sessions.delete(sessions.keys().next().value!);
    },
    async delete(id) {
      sessions.delete(id);
    },
  };
}
