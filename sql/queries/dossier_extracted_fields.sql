-- The application fields the extraction step read (JSON values), for the documents of the season's dossiers.
SELECT DISTINCT doc.sha256, f.field, f.value
FROM extract_fields f
JOIN documents doc ON doc.id = f.document_id
JOIN dossier_documents dd ON dd.document_id = doc.id
JOIN dossiers d ON d.id = dd.dossier_id
WHERE d.season = :season OR d.season IS NULL
