MATCH (t:Term {ns: $ns, source: $source})
DELETE t
