UNWIND $ids AS id
MATCH (n:Node {ns: $ns, id: id})
RETURN n.id AS id, n.parts AS parts
