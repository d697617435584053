MATCH (t:Term {ns: $ns})
RETURN count(t) AS count
