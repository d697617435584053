import { parseDocument } from 'yaml';
import { z } from 'zod';
import { emptyFacts, type FileFacts } from '../file-facts.js';
import { PackError } from '../pack-error.js';
import type { PackFile } from '../read-pack.js';
import { type SchemaItem, schemaId } from './schema-ids.js';
import { humanize } from './values.js';

const Label = z.union([z.string(), z.record(z.string(), z.string())]);
const Entry = z
  .object({
    label: Label.optional(),
    synonyms: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    unit: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    description: z.string().optional(),
  })
  .nullable();
const SchemaFile = z
  .object({
    types: z.record(z.string(), Entry).optional(),
    attributes: z.record(z.string(), Entry).optional(),
    relations: z.record(z.string(), Entry).optional(),
  })
  .passthrough();

const SECTIONS: [keyof z.infer<typeof SchemaFile>, SchemaItem][] = [
  ['types', 'type'],
  ['attributes', 'attribute'],
  ['relations', 'relation'],
];

/** schema.yaml: labels per language, synonyms and units for types, attributes and relations. */
export function parseSchemaYaml(file: PackFile): FileFacts {
  const doc = parseDocument(file.text);
  const yamlError = doc.errors[0];
  if (yamlError)
    throw new PackError(
      file.id,
      yamlError.linePos?.[0]?.line,
      `bad YAML: ${yamlError.message.split(/ at line|\n/)[0]}`,
    );
  const parsed = SchemaFile.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError(file.id, lineOf(file.text, issue.path), `${issue.path.join('.')}: ${issue.message}`);
  }
  const facts = emptyFacts();
  for (const [section, item] of SECTIONS) {
    for (const [raw, entry] of Object.entries(parsed.data[section] ?? {})) {
      const id = schemaId(item, raw);
      const location = `${section}.${raw} (line ${lineOf(file.text, [section, raw]) ?? '?'})`;
      const labels: Record<string, string> =
        typeof entry?.label === 'string' ? { zh: entry.label } : (entry?.label ?? {});
      const names = [...Object.values(labels), humanize(raw), ...(entry?.synonyms ?? [])];
      const attributes: Record<string, string> = { key: raw };
      for (const [lang, text] of Object.entries(labels)) attributes[`label_${lang}`] = text;
      // A unit may differ per language ({zh: 小时, en: hours}); `unit` keeps the first for old readers.
      if (typeof entry?.unit === 'string') attributes.unit = entry.unit;
      else if (entry?.unit) {
        for (const [lang, unit] of Object.entries(entry.unit as Record<string, string>))
          attributes[`unit_${lang}`] = unit;
        attributes.unit =
          (entry.unit as Record<string, string>).zh ?? Object.values(entry.unit as Record<string, string>)[0] ?? '';
      }
      facts.nodes.push({
        id,
        kind: 'schema',
        type: item,
        name: labels.zh ?? labels.en ?? raw,
        aliases: [...new Set(names)],
        text: entry?.description,
        attributes,
        source: file.id,
        location,
        hash: file.hash,
      });
      for (const text of new Set(names)) facts.terms.push({ target: id, kind: item, text, location });
    }
  }
  return facts;
}

/** Line of a top-level `section:` → `key:` pair, found by indentation (good enough for error messages). */
function lineOf(text: string, path: readonly PropertyKey[]): number | undefined {
  const lines = text.split('\n');
  let from = 0;
  let found: number | undefined;
  for (const key of path) {
    if (typeof key !== 'string') break;
    const i = lines.findIndex((l, n) => n >= from && new RegExp(`^\\s*["']?${escapeRegExp(key)}["']?\\s*:`).test(l));
    if (i < 0) break;
    found = i + 1;
    from = i + 1;
  }
  return found;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
