-- The members of each session of a stage, from its attendance rows (see scoring_checked_scores.sql).
-- parameters: season, competition, stage
INSERT INTO scoring_members (season, competition, stage, unit, round, member_id, n, present)
SELECT season, competition, stage, unit, round, member_id, COUNT(*), MAX(CASE WHEN present THEN 1 ELSE 0 END)
FROM scoring_attendance
WHERE season = :season AND competition = :competition AND stage = :stage
GROUP BY season, competition, stage, unit, round, member_id
