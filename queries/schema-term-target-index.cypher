CREATE INDEX term_ns_target IF NOT EXISTS FOR (t:Term) ON (t.ns, t.target)
