-- The participant record and, when it came from scans, its dossier and the dossier's check.
SELECT p.id AS participant_id, p.season, p.competition, p.participant_iin, p.full_name, p.organization_bin,
       p.organization_name, p.organization_type, p.district, p.source, p.source_ref, p.dossier_id,
       d.batch, d.key AS dossier_key, d.status AS dossier_status
FROM participants p
LEFT JOIN dossiers d ON d.id = p.dossier_id
WHERE p.season = :season AND p.competition = :competition AND p.participant_iin = :iin
