UNWIND $rows AS row
CREATE (t:Term {ns: $ns, id: row.id})
SET t.target = row.target, t.kind = row.kind, t.text = row.text,
    t.source = row.source, t.location = row.location, t.hash = row.hash
WITH t, row
CALL db.create.setNodeVectorProperty(t, 'embedding', row.vector)
