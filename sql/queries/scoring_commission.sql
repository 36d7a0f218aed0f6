-- The commission of each session of a stage (the protocol lists who sat and who was absent).
-- parameters: season, competition, stage
SELECT unit, round, member_id, role, CASE WHEN present THEN 1 ELSE 0 END AS present
FROM scoring_attendance
WHERE season = :season AND competition = :competition AND stage = :stage
ORDER BY unit, round, member_id
