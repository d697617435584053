import { parse } from 'csv-parse/sync';
import type { Scalar } from '../../src/ports/graph-store.js';
import { emptyFacts, type FileFacts } from '../file-facts.js';
import { PackError } from '../pack-error.js';
import type { PackFile } from '../read-pack.js';
import { schemaId } from './schema-ids.js';
import { humanize, parseCell, splitList } from './values.js';

const RESERVED = new Set(['id', 'type', 'name', 'aliases', 'description']);

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Entity table: `id,type,name[,aliases][,description][,rel:TYPE...][,attribute...]`.
 * Columns it uses also become schema nodes, so attributes and relations without a schema
 * entry are still found by their raw name.
 */
export function parseEntityCsv(file: PackFile): FileFacts {
  let rows: CsvRecord[];
  try {
    rows = parse(file.text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as CsvRecord[];
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    // An unclosed quote is only noticed at the end of the file; point at where it opened instead.
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? (openQuoteLine(file.text) ?? e.lines) : e.lines;
    throw new PackError(file.id, line, `bad CSV: ${e.message.split(/ at line|\n/)[0]}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new PackError(file.id, 1, 'empty file: expected a header row');
  const columns = header.record.map((c) => c.trim());
  for (const required of ['id', 'type', 'name']) {
    if (!columns.includes(required))
      throw new PackError(file.id, header.info.lines, `missing required column "${required}"`);
  }
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new PackError(file.id, header.info.lines, `duplicate column "${dup}"`);

  const facts = emptyFacts();
  const seen = new Map<string, number>();
  const hash = file.hash;
  const source = file.id;
  for (const { record, info } of body) {
    const line = info.lines;
    const location = `line ${line}`;
    const cell = (col: string) => record[columns.indexOf(col)]?.trim() ?? '';
    const id = cell('id');
    const type = cell('type');
    const name = cell('name');
    if (!id || !type || !name) throw new PackError(file.id, line, 'id, type and name must not be empty');
    const first = seen.get(id);
    if (first) throw new PackError(file.id, line, `duplicate id "${id}" (first on line ${first})`);
    seen.set(id, line);

    const aliases = columns.includes('aliases') ? splitList(cell('aliases')) : [];
    const attributes: Record<string, Scalar> = {};
    columns.forEach((col, i) => {
      if (RESERVED.has(col)) return;
      const raw = record[i] ?? '';
      if (col.startsWith('rel:')) {
        const relType = col.slice(4).trim();
        for (const to of splitList(raw)) {
          facts.relationships.push({ from: id, type: relType, to, source, location, hash });
          facts.references.push({ id: to, line, what: `${col} target` });
        }
        return;
      }
      const value = parseCell(raw);
      if (value !== undefined) attributes[col] = value;
    });
    facts.nodes.push({
      id,
      kind: 'entity',
      type,
      name,
      aliases,
      text: cell('description') || undefined,
      attributes,
      source,
      location,
      hash,
    });
    facts.defines.push({ id, kind: 'entity', type, line });
    for (const text of new Set([name, ...aliases])) facts.terms.push({ target: id, kind: 'entity', text, location });
  }

  const headerLocation = `line ${header.info.lines}`;
  const used: [ReturnType<typeof schemaId>, 'attribute' | 'relation' | 'type', string][] = [];
  for (const col of columns) {
    if (RESERVED.has(col)) continue;
    if (col.startsWith('rel:')) used.push([schemaId('relation', col.slice(4).trim()), 'relation', col.slice(4).trim()]);
    else used.push([schemaId('attribute', col), 'attribute', col]);
  }
  for (const type of new Set(facts.nodes.map((n) => n.type!))) used.push([schemaId('type', type), 'type', type]);
  for (const [id, item, raw] of used) {
    facts.nodes.push({
      id,
      kind: 'schema',
      type: item,
      aliases: [raw],
      attributes: { key: raw },
      source,
      location: headerLocation,
      hash,
    });
    facts.terms.push({ target: id, kind: item, text: humanize(raw), location: headerLocation });
  }
  return facts;
}

/** Line of a quote that opens a field and is never closed, if any. */
function openQuoteLine(text: string): number | undefined {
  let line = 1;
  let openedAt: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      if (openedAt === undefined) openedAt = line;
      else if (text[i + 1] === '"') i++;
      else openedAt = undefined;
    }
  }
  return openedAt;
}
