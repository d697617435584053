export type Language = 'zh' | 'en';
export type AnswerStatus = 'answered' | 'clarify' | 'fallback' | 'escalated';

export interface AskInput {
  question: string;
  sessionId?: string;
  customerId?: string;
  channel?: string;
  language?: Language;
  debug?: boolean;
}

export interface Citation {
  sourceId: string;
  title: string;
  excerpt: string;
  location?: string;
  nodeId?: string;
}

export interface EntityRef {
  id: string;
  name: string;
  type: string;
}

export interface Fact {
  subject: string;
  subjectName: string;
  predicate: string;
  object: string;
  source: string;
  location: string;
}

export interface Suggestion {
  id: string;
  text: string;
  kind: 'entity' | 'faq' | 'section' | 'document';
}

export interface TraceStep {
  stage: string;
  ms: number;
  detail: unknown;
}

export interface AskResult {
  answer: string;
  status: AnswerStatus;
  confidence: number;
  language: Language;
  citations: Citation[];
  entities: EntityRef[];
  facts: Fact[];
  suggestions: Suggestion[];
  sessionId?: string;
  /** Why the conversation was handed to a person, when status is `escalated`. */
  escalation?: { reason: 'asked_for_human' | 'abusive_or_angry' | 'repeated_fallback'; detail: string };
  trace?: TraceStep[];
}
