MATCH (n:Node {ns: $ns})
WHERE n.visible
RETURN n.kind AS kind, count(*) AS count
