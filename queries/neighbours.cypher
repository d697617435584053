UNWIND $ids AS id
MATCH (n:Node {ns: $ns, id: id})-[r:REL]-(m:Node)
WHERE m.visible
RETURN startNode(r).id AS from, r.type AS type, endNode(r).id AS to, r.source AS source,
       r.location AS location, r.hash AS hash, r.properties AS properties
