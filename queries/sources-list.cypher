MATCH (s:Source {ns: $ns})
WHERE $id IS NULL OR s.id = $id
RETURN s.id AS id, s.hash AS hash, s.fingerprint AS fingerprint, s.format AS format, s.importedAt AS importedAt, s.counts AS counts
ORDER BY id
