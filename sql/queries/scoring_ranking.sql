-- Stage totals and ranks per unit (rules A1, S2, S3, S6, A7). A round's score is num/den (the mean of the present
-- members' scores, or the trimmed mean when trimmed = 1 and at least three members scored); the total is kept
-- exact as an integer in units of 1/(l * 1000), l being a common multiple of every den of the stage.
-- parameters: season, competition stage trimmed l
WITH r AS (
    SELECT unit, participant_iin, round,
        CASE WHEN :trimmed = 1 AND n >= 3 THEN total_milli - min_milli - max_milli ELSE total_milli END AS num,
        CASE WHEN :trimmed = 1 AND n >= 3 THEN n - 2 ELSE n END AS den
    FROM scoring_rounds
    WHERE season = :season AND competition = :competition AND stage = :stage
),
t AS (
    SELECT e.unit, e.participant_iin, COUNT(r.round) AS rounds,
           COALESCE(SUM(r.num * (:l / r.den)), 0) + e.extra_milli * :l AS total_scaled
    FROM scoring_entrants e
    LEFT JOIN r ON r.unit = e.unit AND r.participant_iin = e.participant_iin
    WHERE e.season = :season AND e.competition = :competition AND e.stage = :stage AND e.status = 'in'
    GROUP BY e.unit, e.participant_iin, e.extra_milli
)
SELECT unit, participant_iin, rounds, total_scaled,
       RANK() OVER (PARTITION BY unit ORDER BY total_scaled DESC) AS rank
FROM t
ORDER BY unit, rank, participant_iin
