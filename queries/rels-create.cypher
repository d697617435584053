UNWIND $rows AS row
MERGE (a:Node {ns: $ns, id: row.from})
  ON CREATE SET a.visible = false, a.sources = [], a.parts = '{}', a.nameKeys = []
MERGE (b:Node {ns: $ns, id: row.to})
  ON CREATE SET b.visible = false, b.sources = [], b.parts = '{}', b.nameKeys = []
CREATE (a)-[r:REL {ns: $ns, type: row.type, source: row.source}]->(b)
SET r.location = row.location, r.hash = row.hash, r.properties = row.properties
