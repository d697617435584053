MATCH (s:Source {ns: $ns})
RETURN count(s) AS count
