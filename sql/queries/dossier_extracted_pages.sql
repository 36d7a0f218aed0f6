-- The text of every page the extraction step read, for the documents of the season's dossiers.
SELECT DISTINCT doc.sha256, p.page, p.text
FROM extract_pages p
JOIN documents doc ON doc.id = p.document_id
JOIN dossier_documents dd ON dd.document_id = doc.id
JOIN dossiers d ON d.id = dd.dossier_id
WHERE d.season = :season OR d.season IS NULL
ORDER BY doc.sha256, p.page
