-- Every extracted field of every registered document that no staff correction covers yet, with its dossier, in
-- dossier order: those below the threshold given (the highest of the seasons' thresholds), with a problem, and the IIN and
-- birth date (compared with each other in Python). The queue then applies each season's own threshold.
-- (Written against the extraction step's tables; see mugalim/trace/evidence.py.)
SELECT f.id AS field_id, f.field, f.value, f.confidence, f.problem, f.page, f.x0, f.y0, f.x1, f.y1, f.bbox_unit,
       doc.id AS document_id, doc.sha256, doc.kind, doc.archive_path, dd.rel_path,
       d.id AS dossier_id, d.batch, d.key AS dossier_key, d.season, d.competition
FROM extract_fields f
JOIN documents doc ON doc.id = f.document_id
JOIN dossier_documents dd ON dd.document_id = doc.id
JOIN dossiers d ON d.id = dd.dossier_id
WHERE NOT EXISTS (SELECT 1 FROM dossier_corrections c
                  WHERE c.document_sha256 = doc.sha256 AND c.field = f.field)
  AND (f.confidence < :threshold OR f.problem IS NOT NULL OR f.field IN ('iin', 'birth_date'))
ORDER BY d.id, dd.rel_path, f.id
