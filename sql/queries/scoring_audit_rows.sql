-- The season's score rows as loaded from the files (staging), with the commission of their unit and round, for the
-- Great Expectations audit: a member not on that session's attendance list is named there, not silently dropped.
SELECT s.file, s.row_no AS "row", s.season, s.competition, s.stage, s.unit, s.round, s.participant_iin,
       s.member_id, s.score_milli,
       CASE WHEN a.member_id IS NULL THEN 0 ELSE 1 END AS on_commission
FROM scoring_scores s
LEFT JOIN (SELECT DISTINCT season, competition, stage, unit, round, member_id FROM scoring_attendance) a
  ON a.season = s.season AND a.competition = s.competition AND a.stage = s.stage AND a.unit = s.unit
 AND a.round = s.round AND a.member_id = s.member_id
WHERE s.season = :season
ORDER BY s.file, s.row_no
