CALL db.index.vector.queryNodes('term_embedding', $candidates, $vector)
YIELD node, score
WHERE node.ns = $ns AND ($kinds IS NULL OR node.kind IN $kinds)
RETURN node.id AS id, node.target AS target, node.kind AS kind, node.text AS text,
       node.source AS source, score
ORDER BY score DESC, id
LIMIT $k
