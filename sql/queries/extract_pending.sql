-- Registered documents that extraction has not read yet, oldest first.
SELECT d.id
FROM documents d
LEFT JOIN extract_documents e ON e.document_id = d.id
WHERE e.document_id IS NULL
ORDER BY d.id
