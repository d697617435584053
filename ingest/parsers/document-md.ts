import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Scalar } from '../../src/ports/graph-store.js';
import { emptyFacts, type FileFacts } from '../file-facts.js';
import { PackError } from '../pack-error.js';
import type { PackFile } from '../read-pack.js';
import { toScalar } from './values.js';

const FrontMatter = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    title: z.string().min(1),
    type: z.string().default('article'),
    aliases: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    applies_to: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  })
  .passthrough();

/** Sections longer than this are chunked, so an excerpt stays readable and embeds within the model's window. */
const MAX_SECTION_CHARS = 600;

const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: 400,
  chunkOverlap: 40,
  separators: ['\n\n', '\n', '。', '！', '？', '；', '. ', '; ', ' ', ''],
  keepSeparator: true,
});

interface RawSection {
  path: string[];
  line: number;
  body: string[];
}

/**
 * A document with YAML front matter. Each heading starts a citable section that keeps its
 * heading path ("退货政策 > 例外") and line, linked to the document by HAS_SECTION.
 */
export async function parseDocumentMd(file: PackFile): Promise<FileFacts> {
  const lines = file.text.replace(/^\uFEFF/, '').split('\n');
  if (lines[0]?.trim() !== '---')
    throw new PackError(file.id, 1, 'missing YAML front matter (the file must start with ---)');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new PackError(file.id, 1, 'front matter is not closed with ---');
  const doc = parseDocument(lines.slice(1, end).join('\n'));
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new PackError(
      file.id,
      (yamlError.linePos?.[0]?.line ?? 0) + 1,
      `bad YAML front matter: ${yamlError.message.split(/ at line|\n/)[0]}`,
    );
  }
  const parsed = FrontMatter.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError(file.id, 2, `front matter ${issue.path.join('.')}: ${issue.message}`);
  }
  const { id, title, type, aliases, applies_to, ...rest } = parsed.data;
  const source = file.id;
  const hash = file.hash;
  const facts = emptyFacts();

  const attributes: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(rest)) {
    const scalar = toScalar(value);
    if (scalar !== undefined) attributes[key] = scalar;
  }
  const sections = splitSections(lines, end + 1, title);
  const intro = sections[0]?.path.length === 1 ? sections[0].body.join('\n').trim() : '';
  facts.nodes.push({
    id,
    kind: 'document',
    type,
    name: title,
    aliases,
    text: intro || undefined,
    attributes,
    source,
    location: 'line 1',
    hash,
  });
  const idLine = lines.findIndex((l, i) => i > 0 && i < end && /^id\s*:/.test(l));
  facts.defines.push({ id, kind: 'document', type, line: idLine > 0 ? idLine + 1 : 2 });
  for (const text of new Set([title, ...aliases]))
    facts.terms.push({ target: id, kind: 'document', text, location: 'line 1' });
  for (const target of applies_to) {
    facts.relationships.push({ from: id, type: 'APPLIES_TO', to: target, source, location: 'line 1', hash });
    facts.references.push({ id: target, line: 2, what: 'applies_to' });
  }

  let order = 0;
  for (const section of sections) {
    const body = section.body.join('\n').trim();
    if (!body) continue;
    const chunks = body.length > MAX_SECTION_CHARS ? await splitter.splitText(body) : [body];
    const headingPath = section.path.join(' > ');
    chunks.forEach((chunk, i) => {
      order++;
      const sectionId = `${id}#${order}`;
      const location = `line ${section.line} § ${headingPath}${chunks.length > 1 ? ` (part ${i + 1}/${chunks.length})` : ''}`;
      facts.nodes.push({
        id: sectionId,
        kind: 'section',
        type: 'section',
        name: headingPath,
        text: chunk.trim(),
        attributes: { document: id, heading: section.path.at(-1) ?? title, order, line: section.line },
        source,
        location,
        hash,
      });
      facts.relationships.push({ from: id, type: 'HAS_SECTION', to: sectionId, source, location, hash });
      // Heading words carry the topic; the body carries the details a question may ask about.
      facts.terms.push({ target: sectionId, kind: 'section', text: `${headingPath}：${chunk.trim()}`, location });
      facts.mentions.push({ from: sectionId, text: chunk, location });
    });
  }
  return facts;
}

/** Splits the body at ATX headings; the first heading level under the title nests below it. */
function splitSections(lines: string[], start: number, title: string): RawSection[] {
  const sections: RawSection[] = [{ path: [title], line: start + 1, body: [] }];
  const stack: { level: number; text: string }[] = [];
  let inFence = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) {
      sections.at(-1)!.body.push(line);
      continue;
    }
    const level = m[1]!.length;
    const text = m[2]!.trim();
    while (stack.length && stack.at(-1)!.level >= level) stack.pop();
    stack.push({ level, text });
    // A top-level heading that repeats the title adds nothing to the path.
    const path = [title, ...stack.map((s) => s.text).filter((t) => t !== title)];
    sections.push({ path, line: i + 1, body: [] });
  }
  return sections;
}
