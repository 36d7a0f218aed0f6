-- The fields extraction read from one document, with where each came from.
-- (Written against the extraction step's tables; see mugalim/trace/evidence.py.)
SELECT f.id AS field_id, f.field, f.value, f.confidence, f.page, f.x0, f.y0, f.x1, f.y1, f.bbox_unit, f.problem
FROM extract_fields f
JOIN documents d ON d.id = f.document_id
WHERE d.sha256 = :sha256
ORDER BY f.id
