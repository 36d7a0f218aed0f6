-- The season's dossiers as ingest left them (and those whose season is not known yet: they wait for a person),
-- with the day their batch was first seen (rule A5's fallback date, G4's received date).
SELECT d.id, d.batch, d.key, d.season, d.competition, d.organization_bin, d.organization_name,
       d.organization_type, d.district, d.submitted_on, d.status, d.reason, d.reason_message,
       b.first_seen_at
FROM dossiers d
LEFT JOIN batches b ON b.name = d.batch
WHERE d.season = :season OR d.season IS NULL
ORDER BY d.id
