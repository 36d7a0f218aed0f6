-- Every registered file of the season's dossiers, as archived, in dossier and path order.
SELECT dd.dossier_id, dd.rel_path, doc.sha256, doc.kind, doc.pages, doc.archive_path
FROM dossier_documents dd
JOIN documents doc ON doc.id = dd.document_id
JOIN dossiers d ON d.id = dd.dossier_id
WHERE d.season = :season OR d.season IS NULL
ORDER BY dd.dossier_id, dd.rel_path
