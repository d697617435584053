import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Loads every `queries/*.cypher` once, keyed by file name without extension. Statements are
 * parameterised files rather than strings in code so they can be read, reviewed and run alone.
 */
export function loadQueries(dir: string): Map<string, string> {
  const queries = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cypher'))) {
    const text = readFileSync(join(dir, file), 'utf8').trim();
    if (text.replace(/'[^']*'/g, '').includes(';')) throw new Error(`${file}: one statement per file`);
    queries.set(basename(file, '.cypher'), text);
  }
  return queries;
}
