import { z } from 'zod';
import { emptyFacts, type FileFacts } from '../file-facts.js';
import { PackError } from '../pack-error.js';
import type { PackFile } from '../read-pack.js';

const FaqLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  question: z.string().min(1),
  answer: z.string().min(1),
  alternates: z.array(z.string()).optional(),
  about: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
  tags: z.array(z.string()).optional(),
});

/** One FAQ per line: the question and its alternates are what a user's question is matched to. */
export function parseFaqJsonl(file: PackFile): FileFacts {
  const facts = emptyFacts();
  const seen = new Map<string, number>();
  const lines = file.text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new PackError(file.id, line, `bad JSON: ${(err as Error).message}`);
    }
    const parsed = FaqLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new PackError(file.id, line, `${issue.path.join('.') || 'entry'}: ${issue.message}`);
    }
    const faq = parsed.data;
    const first = seen.get(faq.id);
    if (first) throw new PackError(file.id, line, `duplicate id "${faq.id}" (first on line ${first})`);
    seen.set(faq.id, line);
    const location = `line ${line}`;
    const alternates = (faq.alternates ?? []).map((a) => a.trim()).filter(Boolean);
    facts.nodes.push({
      id: faq.id,
      kind: 'faq',
      type: 'faq',
      name: faq.question,
      aliases: alternates,
      text: faq.answer,
      attributes: faq.tags?.length ? { tags: faq.tags.join('|') } : {},
      source: file.id,
      location,
      hash: file.hash,
    });
    facts.defines.push({ id: faq.id, kind: 'faq', type: 'faq', line });
    for (const about of faq.about ?? []) {
      facts.relationships.push({ from: faq.id, type: 'ABOUT', to: about, source: file.id, location, hash: file.hash });
      facts.references.push({ id: about, line, what: 'about' });
    }
    for (const text of new Set([faq.question, ...alternates]))
      facts.terms.push({ target: faq.id, kind: 'faq', text, location });
    facts.mentions.push({ from: faq.id, text: faq.answer, location });
  });
  return facts;
}
