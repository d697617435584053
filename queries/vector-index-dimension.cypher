SHOW VECTOR INDEXES YIELD name, options
WHERE name = 'term_embedding'
RETURN options.indexConfig.`vector.dimensions` AS dimension
