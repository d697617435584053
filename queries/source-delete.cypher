MATCH (s:Source {ns: $ns, id: $source})
DELETE s
