-- Every registered input of one batch, with the document it is when it was archived or is a duplicate.
SELECT i.rel_path, i.outcome, i.kind, i.reason, i.dest_path, d.id AS document_id
FROM intake i
LEFT JOIN documents d ON d.sha256 = i.sha256 AND i.outcome IN ('archived', 'duplicate')
WHERE i.batch = :batch
ORDER BY i.rel_path
