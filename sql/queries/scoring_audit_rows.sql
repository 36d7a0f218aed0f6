-- The season's score rows as loaded from the files (staging), with whether each member sat on the commission of the
-- row's unit and round, for the Great Expectations audit (run by GX on the database, as one literal SELECT: the
-- caller puts the season in): a member not on that session's attendance list is named there, not silently dropped;
-- `copies`: how many rows give the same score (one expected).
SELECT s.file || ':' || s.row_no AS row_id, s.file, s.row_no AS "row", s.season, s.competition, s.stage, s.unit,
       s.round, s.participant_iin, s.member_id, s.score_milli / 1000.0 AS score,
       (a.member_id IS NOT NULL) AS member_on_commission,
       COUNT(*) OVER (PARTITION BY s.season, s.competition, s.stage, s.unit, s.round, s.participant_iin,
                      s.member_id) AS copies
FROM scoring_scores s
LEFT JOIN (SELECT DISTINCT season, competition, stage, unit, round, member_id FROM scoring_attendance) a
  ON a.season = s.season AND a.competition = s.competition AND a.stage = s.stage AND a.unit = s.unit
 AND a.round = s.round AND a.member_id = s.member_id
WHERE s.season = :season
