-- The season's score rows as loaded from the files (staging), with whether each member sat on the commission of the
-- row's unit and round, into `scoring_audit_rows` for the Great Expectations audit (it reads them through the view
-- `scoring_audit_view`, migration scoring_0005): a member not on that session's attendance list is named there, not
-- silently dropped; `copies`: how many rows give the same score (one expected). Made once per change of the inputs,
-- so that GX's many queries each read a plain table instead of doing this join and window again.
INSERT INTO scoring_audit_rows (file, row_no, season, competition, stage, unit, round, participant_iin, member_id,
                                score_milli, member_on_commission, copies)
SELECT s.file, s.row_no, s.season, s.competition, s.stage, s.unit, s.round, s.participant_iin, s.member_id,
       s.score_milli, (a.member_id IS NOT NULL) AS member_on_commission,
       COUNT(*) OVER (PARTITION BY s.season, s.competition, s.stage, s.unit, s.round, s.member_id,
                      s.participant_iin) AS copies
FROM scoring_scores s
LEFT JOIN (SELECT DISTINCT season, competition, stage, unit, round, member_id FROM scoring_attendance) a
  ON a.season = s.season AND a.competition = s.competition AND a.stage = s.stage AND a.unit = s.unit
 AND a.round = s.round AND a.member_id = s.member_id
WHERE s.season = :season
