CREATE INDEX rel_ns_source IF NOT EXISTS FOR ()-[r:REL]-() ON (r.ns, r.source)
