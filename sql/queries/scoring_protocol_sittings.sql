-- The date and place of each sitting (a unit's round) of a stage, as the optional `held_on` and `place` columns of
-- the attendance rows give them (the protocol states them; a sitting with none gets a line to fill in by hand).
-- parameters: season, competition, stage
SELECT unit, round, held_on, place, COUNT(*) AS n
FROM scoring_attendance
WHERE season = :season AND competition = :competition AND stage = :stage
  AND (held_on IS NOT NULL OR place IS NOT NULL)
GROUP BY unit, round, held_on, place
ORDER BY unit, round, held_on, place
