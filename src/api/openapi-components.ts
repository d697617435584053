type Json = unknown;
interface Doc {
  components?: { schemas?: Record<string, Json> };
  [k: string]: Json;
}

const PREFIX = '#/components/schemas/';
const INPUT = 'Input';

function walk(value: Json, visit: (obj: Record<string, Json>) => void) {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Record<string, Json>);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

function renameRefs(doc: Json, from: string, to: string) {
  walk(doc, (obj) => {
    if (obj.$ref === PREFIX + from) obj.$ref = PREFIX + to;
  });
}

function referenced(doc: Doc): Set<string> {
  const schemas = doc.components?.schemas ?? {};
  const seen = new Set<string>();
  const visit = (value: Json) =>
    walk(value, (obj) => {
      if (typeof obj.$ref !== 'string' || !obj.$ref.startsWith(PREFIX)) return;
      const name = obj.$ref.slice(PREFIX.length);
      if (seen.has(name)) return;
      seen.add(name);
      visit(schemas[name]);
    });
  const { components: _, ...rest } = doc;
  visit(rest);
  return seen;
}

/**
 * fastify-type-provider-zod emits every registered schema twice, `X` (as responses see it) and
 * `XInput` (as requests see it), even where the two are identical, and includes schemas no route
 * uses. This keeps one `X` where the two agree, names a request-only schema `X`, and drops
 * unreferenced ones, so the document reads like the API (AskRequest, not AskRequestInput).
 */
export function tidyComponents<T>(input: T): T {
  const doc = input as Doc;
  const schemas = doc.components?.schemas;
  if (!schemas) return input;

  // Merging a pair can make an enclosing pair identical (Language inside AskRequest), so repeat.
  for (let merged = true; merged; ) {
    merged = false;
    for (const name of Object.keys(schemas)) {
      const base = name.slice(0, -INPUT.length);
      if (!name.endsWith(INPUT) || !(base in schemas)) continue;
      if (JSON.stringify(schemas[name]) !== JSON.stringify(schemas[base])) continue;
      delete schemas[name];
      renameRefs(doc, name, base);
      merged = true;
    }
  }

  const used = referenced(doc);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  for (const name of Object.keys(schemas)) {
    const base = name.slice(0, -INPUT.length);
    if (!name.endsWith(INPUT) || base in schemas) continue;
    schemas[base] = schemas[name];
    delete schemas[name];
    renameRefs(doc, name, base);
  }
  doc.components!.schemas = Object.fromEntries(
    Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return input;
}
