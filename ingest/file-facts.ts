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
  /** Entity ids this file defines, with their type and line (for conflict checks). */
  defines: { id: string; type: string; line: number | undefined }[];
  references: IdReference[];
  mentions: MentionText[];
  triples: Triple[];
}

export function emptyFacts(): FileFacts {
  return { nodes: [], relationships: [], terms: [], defines: [], references: [], mentions: [], triples: [] };
}
