import { describe, expect, it } from 'vitest';
import { usePack } from './support/temp-pack.js';

// What the importer stores must be reachable by a question, not only present in the graph.
describe('a TSV predicate with both kinds in one file', () => {
  const pack = usePack({
    'courses.csv': 'id,type,name\nc-stat,course,Statistics\nc-calc,course,Calculus\nc-alg,course,Algebra\n',
    'facts.tsv': 'Statistics\tprerequisite\tnone\nCalculus\tprerequisite\tAlgebra\n',
  });
  const ask = (question: string) => pack.services.qa.ask({ question });

  it('answers the text value as an attribute', async () => {
    const r = await ask('What is the prerequisite of Statistics?');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('none');
  });

  it('answers the entity object as a relation', async () => {
    const r = await ask('What is the prerequisite of Calculus?');
    expect(r.status).toBe('answered');
    expect(r.answer).toContain('Algebra');
  });
});
