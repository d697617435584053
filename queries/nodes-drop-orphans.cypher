UNWIND $ids AS id
MATCH (n:Node {ns: $ns, id: id})
WHERE n.visible = false AND NOT (n)--()
DELETE n
