import type { GraphNode, TermHit } from '../ports/graph-store.js';
import type { SchemaItemInfo } from './knowledge-index.js';
import type { EntityMention } from './link-entities.js';
import type { PredicateMatch, Residual } from './map-predicate.js';
import type { QuestionCues } from './question-cues.js';
import type { Language } from './types.js';

/** What the pipeline has read from one question before it weighs the possible answers. */
export interface Evidence {
  question: string;
  /** The question without its names and question words: what it asks about them. */
  rest: Residual;
  ownPredicates: (entity: GraphNode) => Promise<SchemaItemInfo[]>;
  lang: Language;
  cues: QuestionCues;
  entities: GraphNode[];
  mentions: EntityMention[];
  lexical: PredicateMatch[];
  faqHits: TermHit[];
  sectionHits: TermHit[];
  /** The last turn's attribute, when this question names no entity and so continues that turn. */
  recentPredicate?: string;
}
