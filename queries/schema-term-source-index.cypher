CREATE INDEX term_ns_source IF NOT EXISTS FOR (t:Term) ON (t.ns, t.source)
