import type { GraphStore } from '../src/ports/graph-store.js';
import type { Definition, FileFacts } from './file-facts.js';
import { PackError } from './pack-error.js';
import type { PackFile } from './read-pack.js';

/** Which kind of id a source defines, by its format; schema and triples define none. */
const DEFINES_BY_FORMAT: Partial<Record<string, Definition['kind']>> = { csv: 'entity', md: 'document', jsonl: 'faq' };

type Owner = Definition & { file: string };

/**
 * Cross-file rules: an id is defined by one file (entity tables excepted, which may each add
 * columns to an entity of the same type), and every referenced id must exist. A file that breaks
 * them fails as a whole and keeps its old facts, so the check repeats until nothing changes.
 * Files failed here are added to `failed`.
 */
export async function validateAcrossFiles(
  store: GraphStore,
  files: PackFile[],
  parsed: Map<string, FileFacts>,
  failed: Map<string, PackError>,
  sync: boolean,
): Promise<void> {
  const ids = new Set<string>();
  for (const facts of parsed.values()) {
    for (const r of facts.references) ids.add(r.id);
    for (const d of facts.defines) ids.add(d.id);
  }
  const graphNodes = new Map((await store.getNodes([...ids])).map((n) => [n.id, n]));
  const formats = new Map((await store.listSources()).map((s) => [s.id, s.format]));
  const inPack = new Set(files.map((f) => f.id));
  // Sources whose facts stay in the graph through this run: files of this pack that fail now, and
  // sources outside it (another pack, a file deleted from this one) unless --sync removes them.
  const keeps = (source: string) => failed.has(source) || (!inPack.has(source) && !sync);
  const kept = (id: string): Owner | undefined => {
    const node = graphNodes.get(id);
    for (const p of node?.provenance ?? []) {
      const kind = DEFINES_BY_FORMAT[formats.get(p.source) ?? ''];
      if (node && kind && keeps(p.source)) return { id, kind, type: node.type, line: undefined, file: p.source };
    }
    return undefined;
  };
  const present = (id: string) => graphNodes.get(id)?.provenance.some((p) => keeps(p.source)) ?? false;

  // What the graph holds wins over what is new: of an imported file and one added beside it with
  // the same id, the added one fails, whichever sorts first.
  const imported = (d: Owner) => graphNodes.get(d.id)?.provenance.some((p) => p.source === d.file) ?? false;
  const definitions = files
    .flatMap((f) => (parsed.get(f.id)?.defines ?? []).map((d) => ({ ...d, file: f.id })))
    .sort((a, b) => Number(imported(b)) - Number(imported(a)));

  for (;;) {
    const live = definitions.filter((d) => !failed.has(d.file));
    const clash = firstClash(live, kept);
    if (clash) {
      failed.set(clash.file, clash);
      continue;
    }
    const owned = new Set(live.map((d) => d.id));
    let missing = false;
    for (const file of files) {
      const facts = parsed.get(file.id);
      if (!facts || failed.has(file.id)) continue;
      const ref = facts.references.find((r) => !owned.has(r.id) && !present(r.id));
      if (ref) {
        failed.set(file.id, new PackError(file.id, ref.line, `${ref.what} "${ref.id}" is not a known id`));
        missing = true;
      }
    }
    if (!missing) return;
  }
}

/** The first definition that contradicts an earlier one (or one the graph keeps), as that file's error. */
function firstClash(definitions: Owner[], kept: (id: string) => Owner | undefined): PackError | undefined {
  const owners = new Map<string, Owner>();
  for (const d of definitions) {
    const prior = owners.get(d.id) ?? kept(d.id);
    if (prior && prior.file !== d.file) {
      if (prior.type && d.type && prior.type !== d.type)
        return new PackError(d.file, d.line, `id "${d.id}" is a ${d.type} here but a ${prior.type} in ${prior.file}`);
      // A document or FAQ is whole in one file: a second one would merge into it (title, text and
      // section ids colliding) or turn an entity into a document.
      if (prior.kind !== 'entity' || d.kind !== 'entity')
        return new PackError(d.file, d.line, `id "${d.id}" is already defined in ${prior.file}`);
    }
    if (!owners.has(d.id)) owners.set(d.id, d);
  }
  return undefined;
}
