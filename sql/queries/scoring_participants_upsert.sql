-- A `participants` file's rows, taken into the temporary table participants_in (one row a person: the file's last
-- for them), into the shared table: a person not there yet comes in with the file as the source; a person already
-- there (from a dossier, or from this file) takes the file's values and keeps the source and dossier.
-- parameters: none
INSERT INTO participants (season, competition, participant_iin, full_name, organization_bin, organization_name,
                          organization_type, district, citizen, staff_months_at_org, continuous_pedagogical_months,
                          work_experience_months, submitted_on, source, source_ref)
SELECT season, competition, participant_iin, full_name, organization_bin, organization_name, organization_type,
       district, citizen, staff_months_at_org, continuous_pedagogical_months, work_experience_months, submitted_on,
       'participants_file', source_ref
FROM participants_in
WHERE true                 -- SQLite reads ON CONFLICT after a bare FROM as the start of a join
ORDER BY ord
ON CONFLICT (season, competition, participant_iin) DO UPDATE SET
    full_name = excluded.full_name, organization_bin = excluded.organization_bin,
    organization_name = excluded.organization_name, organization_type = excluded.organization_type,
    district = excluded.district, citizen = excluded.citizen, staff_months_at_org = excluded.staff_months_at_org,
    continuous_pedagogical_months = excluded.continuous_pedagogical_months,
    work_experience_months = excluded.work_experience_months, submitted_on = excluded.submitted_on
