-- The corrections of one document's fields, oldest first (the last one of a field is the one in force).
SELECT field, value, corrected_by, corrected_at, source
FROM dossier_corrections
WHERE document_sha256 = :sha256
ORDER BY corrected_at, id
