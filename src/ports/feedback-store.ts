/** A customer's verdict on one answer, as submitted. */
export interface FeedbackInput {
  sessionId?: string;
  question: string;
  answer?: string;
  rating: 'up' | 'down';
  comment?: string;
  /** The citations the answer showed, so a bad source can be traced. */
  citations?: { sourceId: string; location?: string; nodeId?: string }[];
}

export interface FeedbackRecord extends FeedbackInput {
  id: string;
  receivedAt: string;
}

/** Port for answer feedback; the in-memory adapter keeps the newest entries, a database would keep all. */
export interface FeedbackStore {
  add(input: FeedbackInput): Promise<FeedbackRecord>;
  /** Newest first. */
  list(opts: { offset: number; limit: number }): Promise<{ items: FeedbackRecord[]; total: number }>;
}
