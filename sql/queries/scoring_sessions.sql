-- Rules C1, C2, C3, A8: each session (unit and round) of a stage, from its attendance rows.
-- parameters: season, competition stage
SELECT unit, round,
       COUNT(DISTINCT member_id) AS members,
       COUNT(DISTINCT CASE WHEN present THEN member_id END) AS present,
       COUNT(*) AS attendance_rows,
       SUM(CASE WHEN role = 'chair' AND present THEN 1 ELSE 0 END) AS chair_present,
       SUM(CASE WHEN role = 'deputy' AND present THEN 1 ELSE 0 END) AS deputy_present,
       SUM(CASE WHEN role = 'secretary' AND present THEN 1 ELSE 0 END) AS secretary_present
FROM scoring_attendance
WHERE season = :season AND competition = :competition AND stage = :stage
GROUP BY unit, round
ORDER BY unit, round
