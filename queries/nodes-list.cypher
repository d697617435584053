MATCH (n:Node {ns: $ns})
WHERE n.visible
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($type IS NULL OR n.type = $type)
RETURN n.id AS id, n.parts AS parts
ORDER BY id
SKIP $offset
LIMIT $limit
