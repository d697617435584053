CREATE VECTOR INDEX term_embedding IF NOT EXISTS
FOR (t:Term) ON (t.embedding)
OPTIONS { indexConfig: { `vector.dimensions`: $dimension, `vector.similarity_function`: 'cosine' } }
