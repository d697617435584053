import type { GraphRelationship, NodePart, TermKind } from '../src/ports/graph-store.js';

/** A phrase to embed and index; the vector is added after all files are parsed, in batches. */
export interface PendingTerm {
  target: string;
  kind: TermKind;
  text: string;
  location: string;
}

/** A reference to an entity id that must exist somewhere (this pack or the graph). */
export interface IdReference {
  id: string;
  line: number | undefined;
  what: string;
}

/** Text whose entity mentions get linked once every file's names are known. */
export interface MentionText {
  from: string;
  text: string;
  location: string;
}

/** Entity, document and FAQ ids share one namespace. */
export interface Definition {
  id: string;
  kind: 'entity' | 'document' | 'faq';
  type: string;
  line: number | undefined;
}

export interface Triple {
  subject: string;
  predicate: string;
  object: string;
  line: number;
}

/** Everything one file says, before cross-file linking and embedding. */
export interface FileFacts {
  nodes: NodePart[];
  relationships: GraphRelationship[];
  terms: PendingTerm[];
  /** Ids this file defines (not merely references), with kind, type and line, for the cross-file checks. */
  defines: Definition[];
  references: IdReference[];
  mentions: MentionText[];
  triples: Triple[];
}

export function emptyFacts(): FileFacts {
  return { nodes: [], relationships: [], terms: [], defines: [], references: [], mentions: [], triples: [] };
}
