MATCH (n:Node {ns: $ns})
WHERE $source IN n.sources
RETURN n.id AS id, n.parts AS parts
