MATCH (a:Node {ns: $ns})-[r:REL]->(b:Node)
WHERE a.visible AND b.visible
RETURN count(r) AS count
