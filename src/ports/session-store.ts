/** What the assistant remembers between turns of one conversation. */
export interface SessionState {
  id: string;
  /** Entities the last answered turn was about, most relevant first. */
  lastEntities: string[];
  /**
   * Entities of the last few answered turns, most recent first: "哪个更轻" / "which of the two…"
   * after two one-entity turns compares those two.
   */
  recentEntities?: string[];
  /** Schema id of the attribute or relation the last turn asked for. */
  lastPredicate?: string;
  /** What the last answered turn asked about its entities, without their names ("续航多久"). */
  lastTopic?: string;
  turns: number;
  /** Unanswered turns in a row; repeated failure hands the customer to a person. */
  consecutiveFallbacks?: number;
  updatedAt: number;
}

/** Port for conversation state; the in-memory adapter is the default, a shared store scales out. */
export interface SessionStore {
  get(id: string): Promise<SessionState | undefined>;
  set(state: SessionState): Promise<void>;
  delete(id: string): Promise<void>;
}
