MATCH ()-[r:REL {ns: $ns, source: $source}]->()
WITH r, startNode(r).id AS from, endNode(r).id AS to
DELETE r
RETURN from, to
