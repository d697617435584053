UNWIND $rows AS row
MERGE (n:Node {ns: $ns, id: row.id})
SET n.visible = row.visible,
    n.kind = row.kind,
    n.type = row.type,
    n.name = row.name,
    n.aliases = row.aliases,
    n.text = row.text,
    n.nameKeys = row.nameKeys,
    n.sources = row.sources,
    n.parts = row.parts,
    n.attributes = row.attributes
