MATCH (n)
WHERE (n:Node OR n:Term OR n:Source) AND n.ns = $ns
DETACH DELETE n
