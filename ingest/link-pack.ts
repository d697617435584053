import type { GraphRelationship, NodePart, Scalar } from '../src/ports/graph-store.js';
import { cleanText } from '../src/ports/text-normalize.js';
import type { NameMatcher } from '../src/text/name-matcher.js';
import { getOrCreate } from '../src/util/get-or-create.js';
import type { FileFacts } from './file-facts.js';
import { schemaId } from './parsers/schema-ids.js';
import { humanize } from './parsers/values.js';
import type { PackFile } from './read-pack.js';

/**
 * Turns what depends on the whole pack into facts: entity mentions inside FAQ answers and
 * sections become MENTIONS links, and triples resolve their names to entities.
 */
export function linkFacts(file: PackFile, facts: FileFacts, matcher: NameMatcher): void {
  const { id: source, hash } = file;

  const linked = new Set<string>();
  for (const m of facts.mentions) {
    for (const hit of matcher.find(m.text)) {
      // An ambiguous mention links to nothing rather than to the wrong entity.
      if (hit.ids.length !== 1 || hit.ids[0] === m.from) continue;
      const key = `${m.from}>${hit.ids[0]}`;
      if (linked.has(key)) continue;
      linked.add(key);
      facts.relationships.push({ from: m.from, type: 'MENTIONS', to: hit.ids[0]!, source, location: m.location, hash });
    }
  }

  if (facts.triples.length === 0) return;
  const created = new Map<string, NodePart>();
  const literals = new Map<string, Map<string, Scalar[]>>();
  const rels = new Map<string, GraphRelationship>();
  // A predicate may be both in one file: a relation on lines whose object names an entity, an
  // attribute on lines where it is text. Each reading needs its own schema node to be asked for.
  const predicates = { attribute: new Set<string>(), relation: new Set<string>() };
  const resolve = (name: string, line: number): string => {
    const ids = matcher.lookup(name);
    if (ids.length === 1) return ids[0]!;
    // Unknown (or ambiguous) subject names become entities of their own, keyed by name.
    const id = `name:${cleanText(name)}`;
    if (!created.has(id)) {
      created.set(id, { id, kind: 'entity', name: cleanText(name), source, location: `line ${line}`, hash });
      facts.terms.push({ target: id, kind: 'entity', text: cleanText(name), location: `line ${line}` });
    }
    return id;
  };
  for (const t of facts.triples) {
    const subject = resolve(t.subject, t.line);
    const objectIds = matcher.lookup(t.object);
    if (objectIds.length === 1) {
      const to = objectIds[0]!;
      const key = `${subject}|${t.predicate}|${to}`;
      if (!rels.has(key)) {
        rels.set(key, { from: subject, type: t.predicate, to, source, location: `line ${t.line}`, hash });
        predicates.relation.add(t.predicate);
      }
      continue;
    }
    const attrs = getOrCreate(literals, subject, () => new Map<string, Scalar[]>());
    const values = attrs.get(t.predicate) ?? [];
    if (!values.includes(t.object)) values.push(t.object);
    attrs.set(t.predicate, values);
    predicates.attribute.add(t.predicate);
    const part = created.get(subject) ?? {
      id: subject,
      kind: 'entity' as const,
      source,
      location: `line ${t.line}`,
      hash,
    };
    created.set(subject, part);
  }
  for (const [id, part] of created) {
    const attrs = literals.get(id);
    if (attrs) {
      // Several values for one predicate are kept together: "a；b".
      part.attributes = Object.fromEntries([...attrs].map(([k, v]) => [k, v.length === 1 ? v[0]! : v.join('；')]));
    }
    facts.nodes.push(part);
  }
  facts.relationships.push(...rels.values());
  for (const item of ['attribute', 'relation'] as const) {
    for (const predicate of predicates[item]) {
      const id = schemaId(item, predicate);
      facts.nodes.push({
        id,
        kind: 'schema',
        type: item,
        aliases: [predicate],
        attributes: { key: predicate },
        source,
        location: 'line 1',
        hash,
      });
      facts.terms.push({ target: id, kind: item, text: humanize(predicate), location: 'line 1' });
    }
  }
}
