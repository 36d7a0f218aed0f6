-- What the extraction step read from each document of the season's dossiers (documents it could read).
SELECT DISTINCT doc.sha256, e.doc_type, e.language, e.pages, e.level
FROM extract_documents e
JOIN documents doc ON doc.id = e.document_id
JOIN dossier_documents dd ON dd.document_id = doc.id
JOIN dossiers d ON d.id = dd.dossier_id
WHERE e.status = 'ok' AND (d.season = :season OR d.season IS NULL)
