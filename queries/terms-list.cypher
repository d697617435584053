MATCH (t:Term {ns: $ns})
WHERE $kinds IS NULL OR t.kind IN $kinds
RETURN t.id AS id, t.target AS target, t.kind AS kind, t.text AS text, t.source AS source
