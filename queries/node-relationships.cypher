MATCH (n:Node {ns: $ns, id: $id})-[r:REL]-(m:Node)
WHERE n.visible AND m.visible
  AND ($type IS NULL OR r.type = $type)
  AND ($direction = 'both'
       OR ($direction = 'out' AND startNode(r) = n)
       OR ($direction = 'in' AND endNode(r) = n))
RETURN startNode(r).id AS from, r.type AS type, endNode(r).id AS to, r.source AS source,
       r.location AS location, r.hash AS hash, r.properties AS properties
