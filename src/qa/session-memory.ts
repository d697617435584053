import type { SessionState } from '../ports/session-store.js';
import type { Candidate } from './candidate.js';

/** Entities remembered across turns for follow-ups that name none. */
const RECENT = 5;

/** The session after a turn: what an answer was about, or one more turn without an answer. */
export function nextSession(
  id: string,
  prev: SessionState | undefined,
  answered: Candidate | undefined,
  topic: string,
  at: number,
): SessionState {
  const answeredIds = answered?.entities?.map((e) => e.id) ?? [];
  return {
    id,
    lastEntities: answeredIds.length ? answeredIds : (prev?.lastEntities ?? []),
    recentEntities: [...new Set([...answeredIds, ...(prev?.recentEntities ?? prev?.lastEntities ?? [])])].slice(
      0,
      RECENT,
    ),
    lastPredicate: answered?.predicate ?? prev?.lastPredicate,
    lastTopic: answered ? topic : prev?.lastTopic,
    consecutiveFallbacks: answered ? 0 : (prev?.consecutiveFallbacks ?? 0) + 1,
    turns: (prev?.turns ?? 0) + 1,
    updatedAt: at,
  };
}
