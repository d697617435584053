import { emptyFacts, type FileFacts } from '../file-facts.js';
import { PackError } from '../pack-error.js';
import type { PackFile } from '../read-pack.js';

/** `subject<TAB>predicate<TAB>object`; names are resolved to entities once the whole pack is read. */
export function parseTriplesTsv(file: PackFile): FileFacts {
  const facts = emptyFacts();
  file.text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const text = raw.replace(/\r$/, '');
      if (!text.trim() || text.startsWith('#')) return;
      const fields = text.split('\t').map((f) => f.trim());
      if (fields.length !== 3 || fields.some((f) => !f)) {
        throw new PackError(
          file.id,
          i + 1,
          `expected 3 tab-separated non-empty fields, got ${fields.filter(Boolean).length}`,
        );
      }
      const [subject, predicate, object] = fields as [string, string, string];
      facts.triples.push({ subject, predicate, object, line: i + 1 });
    });
  return facts;
}
