-- Per-member spread (the charts): every score a present member gave in a unit, with the round's count and sum,
-- so that the deviation from the round's mean is (score * n - total) / n, exact. One unit at a time.
-- parameters: season, competition, stage, unit
SELECT s.member_id, s.round, s.score_milli, r.n, r.total_milli
FROM scoring_scores s
JOIN scoring_rounds r
    ON r.season = s.season AND r.competition = s.competition AND r.stage = s.stage AND r.unit = s.unit
    AND r.participant_iin = s.participant_iin AND r.round = s.round
JOIN scoring_attendance a
    ON a.season = s.season AND a.competition = s.competition AND a.stage = s.stage AND a.unit = s.unit
    AND a.round = s.round AND a.member_id = s.member_id AND a.present = TRUE
WHERE s.season = :season AND s.competition = :competition AND s.stage = :stage AND s.unit = :unit
ORDER BY s.member_id, s.round
