MATCH (t:Term)
WHERE t.ns = $ns AND t.target IN $targets AND ($kinds IS NULL OR t.kind IN $kinds)
RETURN t.id AS id, t.target AS target, t.kind AS kind, t.text AS text, t.source AS source,
       vector.similarity.cosine(t.embedding, $vector) AS score
ORDER BY score DESC, id
LIMIT $k
