MERGE (s:Source {ns: $ns, id: $source.id})
SET s.hash = $source.hash, s.fingerprint = $source.fingerprint, s.format = $source.format, s.importedAt = $source.importedAt,
    s.counts = $source.counts
