-- The registered files of a dossier, as archived.
SELECT doc.id AS document_id, doc.sha256, doc.kind, doc.pages, doc.archive_path, dd.rel_path, doc.batch
FROM dossier_documents dd
JOIN documents doc ON doc.id = dd.document_id
WHERE dd.dossier_id = :dossier_id
ORDER BY dd.rel_path
