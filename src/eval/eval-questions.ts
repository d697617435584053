import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const EvalQuestion = z
  .object({
    id: z.string().optional(),
    question: z.string().min(1),
    expect: z.array(z.string().min(1)).min(1).optional(),
    expect_status: z.enum(['answered', 'clarify', 'fallback', 'escalated']).optional(),
    sessionId: z.string().optional(),
    kind: z.string().optional(),
    lang: z.enum(['zh', 'en']).optional(),
  })
  .refine((q) => q.expect || q.expect_status, 'needs expect or expect_status');

export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** Reads a questions file (one JSON object per line), naming the line of any bad entry. */
export async function readEvalQuestions(file: string): Promise<EvalQuestion[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const out: EvalQuestion[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${i + 1}: bad JSON: ${(err as Error).message}`);
    }
    const parsed = EvalQuestion.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    out.push({ id: `line ${i + 1}`, ...parsed.data });
  });
  return out;
}
